package io.parley.bot.conversation;

import io.parley.bot.BotChannels;
import io.parley.events.Event;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Appends the bot's events to the log, keyed by conversation id, and waits for Kafka's acknowledgement. */
@ApplicationScoped
public class EventAppender {

    @Inject
    @Channel(BotChannels.CONVERSATION_EVENTS_OUT)
    MutinyEmitter<Event> log;

    /** Blocking: call from a worker thread. */
    public void append(Event event) {
        log.sendMessageAndAwait(Message.of(event).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.subject())
                .build()));
    }
}
