package io.parley.ticket.publish;

import io.parley.events.Event;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Appends events to the log, keyed by subject, and completes once Kafka acknowledged them (acks=all), back on the
 * caller's Vert.x context so that the caller may go on with its reactive database session.
 */
@ApplicationScoped
public class EventPublisher {

    @Inject
    @Channel(Channels.CONVERSATION_EVENTS_OUT)
    MutinyEmitter<Event> conversationEvents;

    @Inject
    @Channel(Channels.AGENT_EVENTS_OUT)
    MutinyEmitter<Event> agentEvents;

    public Uni<Void> append(Event event) {
        return onCallerContext(conversationEvents.sendMessage(keyed(event)));
    }

    /**
     * Sends every event at once, in list order (the idempotent producer keeps that order within a key), and completes
     * when all are acknowledged, or fails with the first failure.
     */
    public Uni<Void> appendAll(List<Event> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(events.stream().map(this::append).toList()).andFailFast().replaceWithVoid();
    }

    public Uni<Void> appendAgentEvent(Event event) {
        return onCallerContext(agentEvents.sendMessage(keyed(event)));
    }

    private static Message<Event> keyed(Event event) {
        return Message.of(event).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.subject())
                .build());
    }

    private static Uni<Void> onCallerContext(Uni<Void> send) {
        Context context = Vertx.currentContext();
        return context == null ? send : send.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
