package io.parley.ticket.support;

import io.parley.events.Event;
import io.parley.events.Topics;
import io.parley.events.envelope.EventCodec;
import io.parley.testkit.kafka.SharedKafka;
import io.parley.testkit.kafka.TopicMark;
import io.parley.testkit.kafka.TopicProbe;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The conversation-events log as a test sees it: append events, await the ones the service appends. */
public final class Log {

    private static final TopicProbe PROBE = new TopicProbe(SharedKafka.bootstrapServers());

    private Log() {
    }

    public static void append(Event... events) {
        for (Event event : events) {
            PROBE.append(Topics.CONVERSATION_EVENTS, event.subject(), EventCodec.encode(event));
        }
    }

    public static void appendRaw(String topic, String key, byte[] value) {
        PROBE.append(topic, key, value);
    }

    public static TopicMark mark(String topic) {
        return PROBE.mark(topic);
    }

    public static TopicMark beginning(String topic) {
        return PROBE.beginning(topic);
    }

    /** The first event of {@code type} about {@code conversationId} appended after {@code from}. */
    public static Event awaitEvent(TopicMark from, String conversationId, String type) {
        Predicate<ConsumerRecord<String, byte[]>> match = TopicProbe.keyIs(conversationId)
                .and(TopicProbe.valueContains("\"type\":\"" + type + "\""));
        List<ConsumerRecord<String, byte[]>> records = PROBE.await(from, 1, match, Duration.ofSeconds(20));
        return EventCodec.decode(records.get(0).value()).orElseThrow();
    }

    /** Every record of the topic from one mark to another. */
    public static List<ConsumerRecord<String, byte[]>> between(TopicMark from, TopicMark to) {
        return PROBE.between(from, to);
    }

    public static List<ConsumerRecord<String, byte[]>> await(TopicMark from, int count,
            Predicate<ConsumerRecord<String, byte[]>> match) {
        return PROBE.await(from, count, match, Duration.ofSeconds(20));
    }
}
