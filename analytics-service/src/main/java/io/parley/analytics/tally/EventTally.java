package io.parley.analytics.tally;

import io.parley.analytics.AnalyticsChannels;
import io.parley.events.Event;
import io.parley.events.envelope.EventCodec;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Counts the log's events per tenant and type in PostgreSQL. At-least-once delivery is fine: an event id already
 * counted is skipped inside the same transaction. A record that is not an event fails the message, and the channel's
 * dead-letter strategy parks it with the reason.
 */
@ApplicationScoped
public class EventTally {

    public record TypeCount(String type, long count) {
    }

    @Incoming(AnalyticsChannels.CONVERSATION_EVENTS)
    public Uni<Void> tally(byte[] record) {
        Optional<Event> decoded = EventCodec.decode(record);
        if (decoded.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Event event = decoded.get();
        return Panache.withTransaction(() -> TalliedEvent.<TalliedEvent>findById(event.id())
                .onItem().ifNull().switchTo(() -> toRow(event).persist())
                .replaceWithVoid());
    }

    public Uni<List<TypeCount>> countsFor(String tenant) {
        return Panache.withSession(() -> TalliedEvent.find(
                        "select type, count(*) from TalliedEvent where tenant = ?1 group by type order by type", tenant)
                .project(TypeCount.class)
                .list());
    }

    private static TalliedEvent toRow(Event event) {
        TalliedEvent row = new TalliedEvent();
        row.eventId = event.id();
        row.tenant = event.tenant();
        row.type = event.type();
        row.conversationId = event.subject();
        row.occurredAt = event.time();
        return row;
    }
}
