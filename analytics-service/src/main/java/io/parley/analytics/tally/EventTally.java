package io.parley.analytics.tally;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.analytics.AnalyticsChannels;
import io.parley.events.Event;
import io.parley.events.Topics;
import io.parley.events.envelope.EventCodec;
import io.parley.events.envelope.MalformedEventException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Counts the log's events per tenant and type in PostgreSQL. At-least-once delivery is fine: an event id already
 * counted is skipped inside the same transaction. A record that is not an event is nacked, and the channel's
 * dead-letter strategy parks it with the reason; it is logged in one line and counted
 * ({@code parley_analytics_parked_total}).
 */
@ApplicationScoped
public class EventTally {

    private static final Logger LOG = Logger.getLogger(EventTally.class);
    private static final String DEAD_LETTER_TOPIC = Topics.deadLetter(Topics.CONVERSATION_EVENTS, "analytics");

    private final Counter parked;

    public EventTally(MeterRegistry registry) {
        this.parked = registry.counter("parley.analytics.parked");
    }

    public record TypeCount(String type, long count) {
    }

    @Incoming(AnalyticsChannels.CONVERSATION_EVENTS)
    public Uni<Void> tally(Message<byte[]> message) {
        Optional<Event> decoded;
        try {
            decoded = EventCodec.decode(message.getPayload());
        } catch (MalformedEventException e) {
            // One line, not a stack trace per poison record: the dead-letter topic keeps the record and the reason.
            LOG.warnf("parking a record in %s: %s; the producer wrote something that is not a Parley event",
                    DEAD_LETTER_TOPIC, e.getMessage());
            parked.increment();
            return Uni.createFrom().completionStage(message.nack(e));
        }
        if (decoded.isEmpty()) {
            return Uni.createFrom().completionStage(message.ack());
        }
        Event event = decoded.get();
        return Panache.withTransaction(() -> TalliedEvent.<TalliedEvent>findById(event.id())
                        .onItem().ifNull().switchTo(() -> toRow(event).persist())
                        .replaceWithVoid())
                .flatMap(counted -> Uni.createFrom().completionStage(message.ack()));
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
