package io.parley.bot.conversation;

import io.parley.bot.BotChannels;
import io.parley.events.Event;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Appends the bot's events to the log, keyed by conversation id. A message's reactions are all sent, then awaited
 * together on the message's lane. The buffer is unbounded because the consumer bounds it: one message's reactions per
 * lane at most.
 */
@ApplicationScoped
public class EventAppender {

    @Inject
    @Channel(BotChannels.CONVERSATION_EVENTS_OUT)
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    MutinyEmitter<Event> log;

    /** Sends the event; the future completes when Kafka has acknowledged it (acks=all), or fails. */
    public CompletableFuture<Void> send(Event event) {
        return log.sendMessage(Message.of(event).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.subject())
                .build())).subscribeAsCompletionStage();
    }
}
