package io.parley.edge.consumer;

import io.parley.events.Topics;
import io.parley.events.kafka.DeadLetterHeaders;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Parks a record in {@code <topic>.dlq.<service>} ({@link Topics#deadLetter}): its key and value byte-for-byte, its
 * own headers, then {@link DeadLetterHeaders} (reason, origin, exception class). A plain idempotent acks=all producer,
 * made on the first park (most services never park anything), so it fits every service however it reads Kafka.
 */
@ApplicationScoped
public class DeadLetterPublisher implements AutoCloseable {

    private final String service;
    private final String bootstrapServers;
    private Producer<byte[], byte[]> producer;

    /**
     * @param application {@code quarkus.application.name}; the service's name in dead-letter topics and metrics is
     *                    this without its {@code -service} suffix ({@code ticket-service} parks in {@code *.dlq.ticket})
     */
    @Inject
    public DeadLetterPublisher(@ConfigProperty(name = "quarkus.application.name") String application,
                               @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.service = application.replaceFirst("-service$", "");
        this.bootstrapServers = bootstrapServers;
    }

    /** The service's name in dead-letter topics and metrics. */
    public String service() {
        return service;
    }

    /** Publishes {@code record} to its dead-letter topic and waits for Kafka's acknowledgement; throws if none came. */
    public void park(ConsumerRecord<?, ?> record, Throwable failure) throws InterruptedException, ExecutionException {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        DeadLetterHeaders.addTo(headers, record, reasonOf(failure));
        headers.add(DeadLetterHeaders.EXCEPTION_CLASS, failure.getClass().getName().getBytes(StandardCharsets.UTF_8));
        producer().send(new ProducerRecord<>(Topics.deadLetter(record.topic(), service), null, bytes(record.key()),
                bytes(record.value()), headers)).get();
    }

    /**
     * Publishes what is known of {@code record} without its key, value and own headers, for a record the topic refused
     * whole (too large, say): where it is ({@link DeadLetterHeaders}) and why it failed, so it can be read at its offset.
     */
    public void parkStandIn(ConsumerRecord<?, ?> record, Throwable failure)
            throws InterruptedException, ExecutionException {
        RecordHeaders headers = new RecordHeaders();
        DeadLetterHeaders.addTo(headers, record, reasonOf(failure));
        headers.add(DeadLetterHeaders.EXCEPTION_CLASS, failure.getClass().getName().getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.STAND_IN, "key, value and headers left at the record's offset"
                .getBytes(StandardCharsets.UTF_8));
        producer().send(new ProducerRecord<byte[], byte[]>(Topics.deadLetter(record.topic(), service), null, null, null,
                headers)).get();
    }

    @Override
    @PreDestroy
    public synchronized void close() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    private synchronized Producer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                    ProducerConfig.CLIENT_ID_CONFIG, service + "-dead-letters"),
                    new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private static String reasonOf(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
    }

    /** The bytes the consumer read: a String key was read as UTF-8 by the consumer's StringDeserializer. */
    private static byte[] bytes(Object keyOrValue) {
        if (keyOrValue == null || keyOrValue instanceof byte[]) {
            return (byte[]) keyOrValue;
        }
        if (keyOrValue instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("only String or byte[] keys and values are parked byte-for-byte, not "
                + keyOrValue.getClass().getName());
    }
}
