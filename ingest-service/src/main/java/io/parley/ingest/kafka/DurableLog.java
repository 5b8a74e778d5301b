package io.parley.ingest.kafka;

import io.parley.events.Event;
import io.parley.events.Topics;
import io.parley.events.kafka.EventSerializer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes to Kafka and waits for the acknowledgement (acks=all, idempotent producer) within a deadline. A plain
 * producer rather than a SmallRye emitter: a webhook answers 200 only after its records are durable and must answer
 * 503 within seconds when they cannot be, which needs the send future and its timeout in our hands.
 */
@ApplicationScoped
public class DurableLog {

    private final KafkaProducer<String, byte[]> producer;
    private final EventSerializer eventSerializer = new EventSerializer();
    private final Duration timeout;

    public DurableLog(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                      @ConfigProperty(name = "parley.ingest.kafka-timeout", defaultValue = "4s") Duration timeout) {
        this.timeout = timeout;
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-service");
        // fail within the webhook deadline instead of Kafka's default minutes
        int millis = (int) timeout.toMillis();
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis / 2);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis / 2);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis);
        // Up to 1 ms for other webhooks' records to share a produce request: under load the broker (on the same
        // cores) handles far fewer, larger requests; at rest a webhook waits 1 ms more.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** A deadline for a group of writes that must all be acknowledged (one webhook). */
    public Deadline deadline() {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    /** Appends a raw body to {@code webhooks-raw}; returns once it is acknowledged. */
    public void appendRaw(String key, byte[] body, Map<String, String> headers, Deadline deadline) {
        appendRawAndEvents(key, body, headers, List.of(), deadline);
    }

    /**
     * Appends a raw body to {@code webhooks-raw} and its events to the log (keyed by subject, in order), all sent before
     * any is awaited, and returns once every one is acknowledged: one round trip to the broker instead of two, and a
     * caller that answers after this returns has every record on all in-sync replicas. Should some be stored and
     * others not, the caller's retry appends them again under the same event ids, which every reader ignores.
     */
    public void appendRawAndEvents(String key, byte[] body, Map<String, String> headers, List<Event> events,
                                   Deadline deadline) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size() + 1);
        acks.add(send(new ProducerRecord<>(Topics.WEBHOOKS_RAW, null, key, body, headersOf(headers))));
        for (Event event : events) {
            acks.add(send(eventRecord(event)));
        }
        await(acks, deadline);
    }

    /** Appends events to the log, keyed by subject, in order; returns once all are acknowledged. */
    public void appendEvents(List<Event> events, Deadline deadline) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        for (Event event : events) {
            acks.add(send(eventRecord(event)));
        }
        await(acks, deadline);
    }

    /** A record to another topic with extra headers (dead letters); acknowledged before returning. */
    public void appendRecord(String topic, String key, byte[] value, Map<String, String> headers) {
        await(List.of(send(new ProducerRecord<>(topic, null, key, value, headersOf(headers)))), deadline());
    }

    private static RecordHeaders headersOf(Map<String, String> headers) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((name, value) -> recordHeaders.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return recordHeaders;
    }

    private ProducerRecord<String, byte[]> eventRecord(Event event) {
        RecordHeaders headers = new RecordHeaders();
        byte[] value = eventSerializer.serialize(Topics.CONVERSATION_EVENTS, headers, event);
        return new ProducerRecord<>(Topics.CONVERSATION_EVENTS, null, event.subject(), value, headers);
    }

    private Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record);
        } catch (RuntimeException e) {
            throw new LogUnavailableException("Kafka refused a record for " + record.topic() + ": " + e.getMessage(), e);
        }
    }

    private static void await(List<Future<RecordMetadata>> acks, Deadline deadline) {
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new LogUnavailableException("Kafka did not store a record: " + e.getCause().getMessage(), e);
            } catch (TimeoutException e) {
                throw new LogUnavailableException("Kafka did not acknowledge a record in time; is the broker up?", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LogUnavailableException("interrupted while waiting for Kafka", e);
            }
        }
    }

    @PreDestroy
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** The moment by which a group of writes must be acknowledged. */
    public record Deadline(long nanoTime) {
        long remainingNanos() {
            return Math.max(0, nanoTime - System.nanoTime());
        }
    }
}
