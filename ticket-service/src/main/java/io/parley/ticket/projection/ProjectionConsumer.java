package io.parley.ticket.projection;

import io.parley.events.Event;
import io.parley.events.envelope.EventCodec;
import io.parley.events.envelope.MalformedEventException;
import io.parley.events.ids.ConversationId;
import io.parley.ticket.publish.Channels;
import io.parley.ticket.publish.EventPublisher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads conversation-events in partition order and projects each record. Unknown types are skipped (tolerant
 * reader); a record that is not a readable event goes to the dead-letter topic and the stream keeps flowing.
 */
@ApplicationScoped
public class ProjectionConsumer {

    /** A transient database or Kafka failure is retried for about a minute, then the channel fails. */
    private static final Duration RETRY_FIRST_BACKOFF = Duration.ofMillis(50);
    private static final Duration RETRY_MAX_BACKOFF = Duration.ofSeconds(5);
    private static final int RETRIES = 20;

    @Inject
    Projector projector;

    @Inject
    EventPublisher publisher;

    @Inject
    DeadLetters deadLetters;

    @Incoming(Channels.PROJECTION_IN)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        Optional<Event> event;
        try {
            event = EventCodec.decode(record.value());
            event.ifPresent(ProjectionConsumer::requireConversationSubject);
        } catch (MalformedEventException e) {
            return deadLetters.park(record, e.getMessage());
        }
        if (event.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // the append is retried with the projection: a projected event returns its kept reactions again
        return projector.project(event.get())
                .flatMap(publisher::appendAll)
                .onFailure().retry().withBackOff(RETRY_FIRST_BACKOFF, RETRY_MAX_BACKOFF).atMost(RETRIES);
    }

    private static void requireConversationSubject(Event event) {
        try {
            ConversationId.parse(event.subject());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("event " + event.id() + " is not about a conversation: "
                    + e.getMessage(), e);
        }
    }
}
