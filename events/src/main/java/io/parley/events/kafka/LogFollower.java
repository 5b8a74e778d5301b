package io.parley.events.kafka;

import io.parley.events.Event;
import io.parley.events.envelope.EventCodec;
import io.parley.events.envelope.MalformedEventException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every partition of small topics from the beginning and then follows them, with a private consumer (no group,
 * no commits), handing each event to a sink on its own thread: how every instance of a service keeps the whole
 * workspace (teams, channels, hours) in memory and applies a change within a poll of its being written. Records that
 * are not readable events, or that the sink throws on, are counted ({@link #skipped()}) and skipped.
 * It never stops for good: a topic that does not exist yet is waited for, and a broker outage (even during its first
 * calls) pauses it, after which it goes on from the positions it had reached.
 */
public final class LogFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LogFollower.class.getName());
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<String> topics;
    private final Consumer<Event> sink;
    private final Thread thread;
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final AtomicLong skipped = new AtomicLong();
    private volatile Map<TopicPartition, Long> startEnd;
    private volatile boolean running = true;

    public LogFollower(String bootstrapServers, List<String> topics, String name, Consumer<Event> sink) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.topics = List.copyOf(topics);
        this.sink = sink;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    public LogFollower start() {
        thread.start();
        return this;
    }

    /** Whether everything that was in the topics when the follower started has been handed to the sink. */
    public boolean caughtUp() {
        Map<TopicPartition, Long> end = startEnd;
        return end != null && end.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    /** Waits until {@link #caughtUp()}; false when the timeout passed first. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return await(this::caughtUp, timeout);
    }

    /** Waits until the record at {@code offset} of the partition has been handed to the sink (read-your-writes). */
    public boolean awaitApplied(String topic, int partition, long offset, Duration timeout) throws InterruptedException {
        TopicPartition key = new TopicPartition(topic, partition);
        return await(() -> positions.getOrDefault(key, 0L) > offset, timeout);
    }

    /** Records that were not readable events, or that the sink could not apply, skipped since start. */
    public long skipped() {
        return skipped.get();
    }

    private boolean await(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (positions) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                positions.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    private void run() {
        try {
            while (running) {
                try {
                    follow();
                } catch (WakeupException e) {
                    return;
                } catch (RuntimeException e) {
                    if (!running) {
                        return;
                    }
                    // a broker outage or a topic not there yet: wait and go on from where this follower was
                    LOG.log(Level.WARNING, "following " + topics + " paused (" + e.getMessage() + "); retrying");
                    pause();
                }
            }
        } finally {
            consumer.close();
        }
    }

    /** Assigns every partition, from where this follower was (the beginning at first), and hands records over. */
    private void follow() {
        List<TopicPartition> partitions = partitions();
        consumer.assign(partitions);
        for (TopicPartition partition : partitions) {
            Long position = positions.get(partition);
            if (position == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, position);
            }
        }
        if (startEnd == null) {
            startEnd = Map.copyOf(consumer.endOffsets(partitions));
            signal();
        }
        while (running) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                handOver(record);
            }
            for (TopicPartition partition : partitions) {
                positions.put(partition, consumer.position(partition));
            }
            signal();
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_AFTER.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void handOver(ConsumerRecord<String, byte[]> record) {
        Optional<Event> event;
        try {
            event = record.value() == null ? Optional.empty() : EventCodec.decode(record.value());
        } catch (MalformedEventException e) {
            skipped.incrementAndGet();
            LOG.warning(record.topic() + " offset " + record.offset() + " is not a readable event (" + e.getMessage()
                    + "); skipped");
            return;
        }
        try {
            event.ifPresent(sink);
        } catch (RuntimeException e) {
            // a readable event the fold cannot take (a field it needs is missing): skipped and counted, never a
            // reason to stop following, which would leave every later change unapplied
            skipped.incrementAndGet();
            LOG.log(Level.WARNING, record.topic() + " offset " + record.offset() + " could not be applied ("
                    + e + "); skipped");
        }
    }

    /** Every partition of the topics; a topic that does not exist yet (created by the first writer) is waited for. */
    private List<TopicPartition> partitions() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            while (running && (infos == null || infos.isEmpty())) {
                pause();
                infos = consumer.partitionsFor(topic);
            }
            if (infos != null) {
                infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
        }
        return partitions;
    }

    private void signal() {
        synchronized (positions) {
            positions.notifyAll();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(Duration.ofSeconds(10).toMillis());
    }
}
