package io.parley.testkit.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads and writes a topic from a test, with plain Kafka clients: mark where a topic ends, act, then await the
 * records that appeared since the mark. Keys are strings (Parley's keys are ids), values raw bytes.
 *
 * <pre>{@code
 * TopicMark before = probe.mark("conversation-events");
 * // … post a webhook …
 * var records = probe.await(before, 1, TopicProbe.valueContains("parley.message.received.v1"), Duration.ofSeconds(10));
 * }</pre>
 */
public final class TopicProbe implements AutoCloseable {

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final String bootstrapServers;
    private KafkaProducer<String, byte[]> producer;

    public TopicProbe(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public static Predicate<ConsumerRecord<String, byte[]>> any() {
        return record -> true;
    }

    public static Predicate<ConsumerRecord<String, byte[]>> keyIs(String key) {
        return record -> Objects.equals(record.key(), key);
    }

    public static Predicate<ConsumerRecord<String, byte[]>> valueContains(String text) {
        return record -> record.value() != null && new String(record.value(), UTF_8).contains(text);
    }

    /** Where the topic ends now: records appended after this call are after the mark. */
    public TopicMark mark(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            return new TopicMark(topic, consumer.endOffsets(partitions(consumer, topic), METADATA_TIMEOUT));
        }
    }

    /** Where the topic begins: every record it still holds is after this mark. */
    public TopicMark beginning(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            return new TopicMark(topic, consumer.beginningOffsets(partitions(consumer, topic), METADATA_TIMEOUT));
        }
    }

    /**
     * Where a consumer group stands on the topic: the offset it committed for each partition (0 where it committed
     * none), e.g. to see that a service got past some records.
     */
    public TopicMark committed(String group, String topic) {
        Map<TopicPartition, OffsetAndMetadata> committed;
        try (Admin admin = Admin.create(
                Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(METADATA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot read the offsets of group " + group + " on " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the offsets of group " + group, e);
        }
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            return new TopicMark(topic, partitions(consumer, topic).stream().collect(Collectors.toMap(
                    partition -> partition, partition -> offsetOrZero(committed.get(partition)))));
        }
    }

    /** Every record from one mark up to another (taken later on the same topic), partition after partition. */
    public List<ConsumerRecord<String, byte[]>> between(TopicMark from, TopicMark to) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        Instant deadline = Instant.now().plus(READ_TIMEOUT);
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.assign(from.offsets().keySet());
            from.offsets().forEach(consumer::seek);
            while (!from.offsets().keySet().stream().allMatch(p -> consumer.position(p) >= to.offsets().get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Cannot read " + from.topic() + " from " + from.offsets()
                            + " to " + to.offsets() + " within " + READ_TIMEOUT.toSeconds() + "s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_INTERVAL)) {
                    if (record.offset() < to.offsets().get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                }
            }
        }
        records.sort(Comparator.<ConsumerRecord<String, byte[]>>comparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return records;
    }

    /**
     * Reads the topic from {@code from} until {@code count} records match, and returns those (in partition order,
     * not across partitions). Fails with an {@link AssertionError} after {@code timeout}.
     */
    public List<ConsumerRecord<String, byte[]>> await(TopicMark from, int count,
            Predicate<ConsumerRecord<String, byte[]>> match, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> matching = new ArrayList<>();
        int read = 0;
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.assign(from.offsets().keySet());
            from.offsets().forEach(consumer::seek);
            while (matching.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_INTERVAL)) {
                    read++;
                    if (matching.size() < count && match.test(record)) {
                        matching.add(record);
                    }
                }
            }
        }
        if (matching.size() < count) {
            throw new AssertionError("Expected " + count + " matching record(s) on " + from.topic() + " within "
                    + timeout.toMillis() + " ms from offsets " + from.offsets() + ", found " + matching.size()
                    + " among " + read + " read");
        }
        return matching;
    }

    /** Appends a record (acks=all) and returns where it landed. Header values are written as UTF-8. */
    public RecordMetadata append(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, headerValue) -> record.headers().add(name, headerValue.getBytes(UTF_8)));
        try {
            return producer().send(record).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot append to " + topic + " on " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while appending to " + topic, e);
        }
    }

    public RecordMetadata append(String topic, String key, byte[] value) {
        return append(topic, key, value, Map.of());
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String topic) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("Topic " + topic + " does not exist on " + bootstrapServers
                    + ": create it first (KafkaBrokerProcess.createTopics)");
        }
        return partitions.stream()
                .map(partition -> new TopicPartition(topic, partition.partition()))
                .collect(Collectors.toList());
    }

    private static long offsetOrZero(OffsetAndMetadata committed) {
        return committed == null ? 0L : committed.offset();
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                // What consumers in the platform see: never records of aborted transactions.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }
}
