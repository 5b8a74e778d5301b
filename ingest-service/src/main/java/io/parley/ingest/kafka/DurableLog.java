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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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
        await(sendRawAndEvents(key, body, headers, List.of(), deadline));
    }

    /** {@link #sendRawAndEvents}, returning once every record is acknowledged. */
    public void appendRawAndEvents(String key, byte[] body, Map<String, String> headers, List<Event> events,
                                   Deadline deadline) {
        await(sendRawAndEvents(key, body, headers, events, deadline));
    }

    /**
     * Sends a raw body to {@code webhooks-raw} and its events to the log (keyed by subject, in order), all before any is
     * awaited: one round trip to the broker instead of two. The answer completes once every record is acknowledged
     * (acks=all), or exceptionally with a {@link LogUnavailableException} (see {@link #failureOf}) when Kafka refused
     * one or the deadline passed; a caller that answers only on completion has every record on all in-sync replicas.
     * Should some be stored and others not, the sender's retry appends them again under the same event ids, which
     * every reader ignores. Nothing here waits for the broker, so a request thread is free while Kafka acknowledges.
     */
    public CompletableFuture<Void> sendRawAndEvents(String key, byte[] body, Map<String, String> headers,
                                                    List<Event> events, Deadline deadline) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size() + 1);
        records.add(new ProducerRecord<>(Topics.WEBHOOKS_RAW, null, key, body, headersOf(headers)));
        events.forEach(event -> records.add(eventRecord(event)));
        return sendAll(records, deadline);
    }

    /** Appends events to the log, keyed by subject, in order; returns once all are acknowledged. */
    public void appendEvents(List<Event> events, Deadline deadline) {
        await(sendAll(events.stream().map(this::eventRecord).toList(), deadline));
    }

    /** A record to another topic with extra headers (dead letters); acknowledged before returning. */
    public void appendRecord(String topic, String key, byte[] value, Map<String, String> headers) {
        await(sendAll(List.of(new ProducerRecord<>(topic, null, key, value, headersOf(headers))), deadline()));
    }

    /** Why a send's answer failed, as the {@link LogUnavailableException} every caller handles. */
    public static LogUnavailableException failureOf(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof LogUnavailableException unavailable) {
            return unavailable;
        }
        if (cause instanceof TimeoutException) {
            return new LogUnavailableException("Kafka did not acknowledge a record in time; is the broker up?", cause);
        }
        return new LogUnavailableException("Kafka did not store a record: " + cause.getMessage(), cause);
    }

    private CompletableFuture<Void> sendAll(List<ProducerRecord<String, byte[]>> records, Deadline deadline) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        AtomicInteger pending = new AtomicInteger(records.size());
        if (records.isEmpty()) {
            acknowledged.complete(null);
        }
        for (ProducerRecord<String, byte[]> record : records) {
            try {
                producer.send(record, (metadata, failure) -> {
                    if (failure != null) {
                        acknowledged.completeExceptionally(failureOf(failure));
                    } else if (pending.decrementAndGet() == 0) {
                        acknowledged.complete(null);
                    }
                });
            } catch (RuntimeException e) {
                acknowledged.completeExceptionally(new LogUnavailableException("Kafka refused a record for "
                        + record.topic() + ": " + e.getMessage(), e));
                break;
            }
        }
        // the producer's delivery timeout answers every record within about the same bound; this keeps it exact
        return acknowledged.orTimeout(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
    }

    private static void await(CompletableFuture<Void> acknowledged) {
        try {
            acknowledged.get();
        } catch (ExecutionException e) {
            throw failureOf(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogUnavailableException("interrupted while waiting for Kafka", e);
        }
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
