package io.parley.devstack.bench;

import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.EventData;
import io.parley.events.Topics;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent;
import io.parley.events.conversation.ConversationStatus;
import io.parley.events.envelope.EventCodec;
import io.parley.events.ids.ConversationId;
import io.parley.events.ids.EventIds;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A log of finished conversations for benchmarks that need history in {@code conversation-events} (or, for routing,
 * the same events as its work records): conversations of three to five steps (question, bot answer, then solved, or
 * handoff, agent reply and solved), one a second from 2026-11-11 08:00, appended as fast as the broker takes them
 * (acks=all).
 */
final class ConversationHistory {

    private ConversationHistory() {
    }

    /** Appends {@code events} events of {@code tenant}'s conversations; fails if the broker refused any. */
    static void append(String bootstrapServers, String tenant, int events) throws Exception {
        append(bootstrapServers, Topics.CONVERSATION_EVENTS, Event::subject, tenant, events);
    }

    /** Appends them to {@code topic}, each keyed by {@code key}. */
    static void append(String bootstrapServers, String topic, Function<Event, String> key, String tenant, int events)
            throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(),
                new ByteArraySerializer())) {
            Instant start = Instant.parse("2026-11-11T08:00:00Z");
            int appended = 0;
            for (int c = 0; appended < events; c++) {
                String conversation = ConversationId.whatsapp("1065", tenant + "-" + c).toString();
                Instant at = start.plusSeconds(c);
                List<EventData> steps = conversation(c, at);
                for (int s = 0; s < steps.size() && appended < events; s++, appended++) {
                    Event event = new Event(EventIds.nameBased(conversation + "#" + s).toString(), "/bench/history",
                            conversation, at.plusSeconds(s * 20L), tenant, null, steps.get(s));
                    producer.send(new ProducerRecord<>(topic, key.apply(event), EventCodec.encode(event)),
                            (metadata, exception) -> {
                                if (exception != null) {
                                    failure.compareAndSet(null, exception);
                                }
                            });
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("appending the log failed: " + failure.get(), failure.get());
        }
    }

    /** A customer asks, the bot answers; every other customer is handed to a person who replies and solves it. */
    private static List<EventData> conversation(int c, Instant at) {
        ConversationEvent.MessageReceived question = new ConversationEvent.MessageReceived(Channel.WHATSAPP, "1065",
                "wamid.history." + c, new ConversationEvent.Contact("history-" + c, "Customer " + c, null),
                Content.text("Where is my order " + c + "?"), null, null, null, at);
        ConversationEvent.MessageOutbound answer = new ConversationEvent.MessageOutbound("bot-" + c,
                new ConversationEvent.Author(ConversationEvent.AuthorKind.BOT, null),
                Content.text("Orders leave within one working day."), null, null);
        if (c % 2 == 0) {
            return List.of(question, answer, new ConversationEvent.StatusChanged(ConversationStatus.SOLVED, null, null));
        }
        return List.of(question, answer,
                new ConversationEvent.HandoffRequested("feedback-negative", "did not help", "en", List.of()),
                new ConversationEvent.MessageOutbound("agent-" + c,
                        new ConversationEvent.Author(ConversationEvent.AuthorKind.AGENT, "ada"),
                        Content.text("I have checked: it arrives tomorrow."), null, null),
                new ConversationEvent.StatusChanged(ConversationStatus.SOLVED, null, null));
    }
}
