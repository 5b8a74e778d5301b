package io.parley.events.kafka;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * The headers every Parley consumer puts on a record it parks in its dead-letter topic ({@code <topic>.dlq.<service>}):
 * why, and where it came from. The names are SmallRye Reactive Messaging's, so records parked by its
 * {@code dead-letter-queue} failure strategy (bot, analytics) and by hand (ingest, routing, ticket) read alike.
 */
public final class DeadLetterHeaders {

    public static final String REASON = "dead-letter-reason";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";
    /** The class of the exception that made the consumer park the record. */
    public static final String EXCEPTION_CLASS = "dead-letter-exception-class-name";
    /** Present on a stand-in: the record itself could not be parked, only where it is and why it failed. */
    public static final String STAND_IN = "parley-dead-letter-stand-in";

    private DeadLetterHeaders() {
    }

    /** The four headers for {@code record}, in this order: reason, topic, partition, offset. */
    public static Map<String, String> describing(ConsumerRecord<?, ?> record, String reason) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(REASON, reason == null ? "" : reason);
        headers.put(TOPIC, record.topic());
        headers.put(PARTITION, Integer.toString(record.partition()));
        headers.put(OFFSET, Long.toString(record.offset()));
        return headers;
    }

    /** Adds the four headers for {@code record} to {@code headers}, UTF-8 encoded. */
    public static void addTo(Headers headers, ConsumerRecord<?, ?> record, String reason) {
        describing(record, reason).forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
