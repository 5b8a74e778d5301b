package io.parley.events.kafka;

import io.parley.events.Event;
import io.parley.events.envelope.EventCodec;
import io.parley.events.envelope.MalformedEventException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads log partitions from their beginning (or a given offset) up to given offsets with a private consumer (no
 * group, no commits), so a service can rebuild what it keeps in memory before its live consumer goes on. Records that
 * are not readable events are skipped here: the live consumer parks them in its dead-letter topic when it reaches them.
 */
public final class LogReplay {

    private static final Duration POLL = Duration.ofMillis(500);

    private final String bootstrapServers;

    public LogReplay(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** What a replay did: events handed to the sink, and records skipped as unreadable or of an unknown type. */
    public record Replayed(long events, long skipped) {
    }

    /** Replays the partitions to their current end. */
    public Replayed toEnd(Collection<TopicPartition> partitions, Predicate<byte[]> worthDecoding, Consumer<Event> sink) {
        try (KafkaConsumer<String, byte[]> reader = reader()) {
            return replay(reader, Map.of(), reader.endOffsets(partitions), worthDecoding, sink);
        }
    }

    /** Replays every partition of a topic to its current end. */
    public Replayed toEnd(String topic, Predicate<byte[]> worthDecoding, Consumer<Event> sink) {
        try (KafkaConsumer<String, byte[]> reader = reader()) {
            List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            return replay(reader, Map.of(), reader.endOffsets(partitions), worthDecoding, sink);
        }
    }

    /**
     * Replays each partition from its beginning up to (excluding) its offset in {@code until}. {@code worthDecoding}
     * lets a caller that needs one event type skip the JSON parsing of all others.
     */
    public Replayed until(Map<TopicPartition, Long> until, Predicate<byte[]> worthDecoding, Consumer<Event> sink) {
        return between(Map.of(), until, worthDecoding, sink);
    }

    /**
     * Replays each partition from its offset in {@code from} (its beginning when absent) up to (excluding) its offset
     * in {@code until}: how a service that already holds part of a partition in memory catches up.
     */
    public Replayed between(Map<TopicPartition, Long> from, Map<TopicPartition, Long> until,
                            Predicate<byte[]> worthDecoding, Consumer<Event> sink) {
        try (KafkaConsumer<String, byte[]> reader = reader()) {
            return replay(reader, from, until, worthDecoding, sink);
        }
    }

    private static Replayed replay(KafkaConsumer<String, byte[]> reader, Map<TopicPartition, Long> from,
                                   Map<TopicPartition, Long> until, Predicate<byte[]> worthDecoding,
                                   Consumer<Event> sink) {
        long replayed = 0;
        long skipped = 0;
        reader.assign(until.keySet());
        reader.seekToBeginning(until.keySet());
        from.forEach((partition, offset) -> {
            if (until.containsKey(partition)) {
                reader.seek(partition, offset);
            }
        });
        while (until.entrySet().stream().anyMatch(end -> reader.position(end.getKey()) < end.getValue())) {
            for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
                boolean beforeEnd = record.offset() < until.get(new TopicPartition(record.topic(), record.partition()));
                if (beforeEnd && record.value() != null && worthDecoding.test(record.value())) {
                    if (handOver(record.value(), sink)) {
                        replayed++;
                    } else {
                        skipped++;
                    }
                }
            }
        }
        return new Replayed(replayed, skipped);
    }

    /** Gives the record's event to {@code sink}; false when it is not a readable event of a known type. */
    private static boolean handOver(byte[] value, Consumer<Event> sink) {
        Optional<Event> event;
        try {
            event = EventCodec.decode(value);
        } catch (MalformedEventException e) {
            return false;
        }
        event.ifPresent(sink);
        return event.isPresent();
    }

    private KafkaConsumer<String, byte[]> reader() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
