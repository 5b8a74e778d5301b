package io.parley.analytics.projection;

import io.parley.analytics.figures.Projection;
import io.parley.analytics.figures.TenantProjection;
import io.parley.events.Event;
import io.parley.events.envelope.EventCodec;
import io.parley.events.envelope.MalformedEventException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
 * Folds the three logs into the {@link Projection} as they are written. Every instance reads every partition (no
 * consumer group): a tenant's conversations are spread over all partitions of {@code conversation-events}, and each
 * instance serves any tenant's figures. Positions live in the checkpoint with the figures they produced, not in Kafka.
 * PostgreSQL being down never stops the fold: figures stay live in memory and the checkpoint is retried with backoff;
 * at start the follower waits for PostgreSQL to load the last checkpoint, then resumes from its positions.
 */
public final class ProjectionFollower implements AutoCloseable {

    /** Told of every event that changed a tenant; {@code live} once the backlog at start has been folded. */
    public interface Listener {
        void folded(Event event, TenantProjection tenant, boolean live);

        /** After each poll, the tenants whose figures changed in it. */
        default void changed(Set<String> tenants) {
        }
    }

    private static final Logger LOG = Logger.getLogger(ProjectionFollower.class.getName());
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration TOPIC_CHECK = Duration.ofSeconds(5);

    private final Properties config;
    private final List<String> topics;
    private final Projection projection;
    private final Checkpoint.Store store;
    private final Listener listener;
    private final Duration checkpointInterval;
    private final RetryPolicy retry;
    private final Thread thread;
    private final AtomicLong unreadable = new AtomicLong();
    private final AtomicLong folded = new AtomicLong();
    private final AtomicLong checkpointFailures = new AtomicLong();
    private final Map<String, Long> lag = new ConcurrentHashMap<>();
    private final Set<String> dirty = new HashSet<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private Map<TopicPartition, Long> backlogEnd = Map.of();

    public ProjectionFollower(String bootstrapServers, List<String> topics, Projection projection,
            Checkpoint.Store store, Listener listener, Duration checkpointInterval, RetryPolicy retry) {
        this.config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "analytics-projection");
        this.topics = List.copyOf(topics);
        this.projection = projection;
        this.store = store;
        this.listener = listener;
        this.checkpointInterval = checkpointInterval;
        this.retry = retry;
        this.thread = new Thread(this::run, "analytics-projection");
        this.thread.setDaemon(true);
    }

    public ProjectionFollower start() {
        thread.start();
        return this;
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    public long unreadable() {
        return unreadable.get();
    }

    public long folded() {
        return folded.get();
    }

    public long checkpointFailures() {
        return checkpointFailures.get();
    }

    /** Records not yet folded, per topic, as of the last check (every few seconds). */
    public Map<String, Long> lag() {
        return Map.copyOf(lag);
    }

    private void run() {
        try {
            Checkpoint checkpoint = loadCheckpoint();
            if (!running) {
                return;
            }
            restore(checkpoint);
            consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
            follow(checkpoint.positions());
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            if (running) {
                LOG.log(Level.SEVERE, "the analytics projection stopped: " + e.getMessage()
                        + "; restart the service (it resumes from its last checkpoint)", e);
            }
        } finally {
            if (consumer != null) {
                consumer.close();
            }
        }
    }

    private Checkpoint loadCheckpoint() {
        for (int failures = 0; running; failures++) {
            try {
                return store.load();
            } catch (Exception e) {
                Duration wait = retry.delayAfter(failures + 1);
                if (failures == 0) {
                    LOG.warning("cannot load the analytics checkpoint (" + e.getMessage() + "); is PostgreSQL up?"
                            + " Retrying every " + retry.max().toSeconds() + " s at most until it answers");
                }
                pause(wait);
            }
        }
        return Checkpoint.EMPTY;
    }

    private void restore(Checkpoint checkpoint) {
        checkpoint.tenants().values().forEach(events -> events.forEach(projection::apply));
    }

    private void follow(Map<String, Long> positions) {
        Set<TopicPartition> assigned = new HashSet<>();
        long nextTopicCheck = 0;
        long nextCheckpoint = System.nanoTime() + checkpointInterval.toNanos();
        int checkpointFailuresInARow = 0;
        while (running) {
            if (System.nanoTime() >= nextTopicCheck) {
                assignNewPartitions(assigned, positions);
                updateLag(assigned);
                nextTopicCheck = System.nanoTime() + TOPIC_CHECK.toNanos();
            }
            Set<String> changed = new HashSet<>();
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                fold(record).ifPresent(tenant -> changed.add(tenant.tenant()));
            }
            if (!changed.isEmpty()) {
                dirty.addAll(changed);
                listener.changed(changed);
            }
            if (!caughtUp && !assigned.isEmpty() && backlogFolded(assigned)) {
                caughtUp = true;
            }
            if (System.nanoTime() >= nextCheckpoint) {
                if (saveCheckpoint(assigned)) {
                    checkpointFailuresInARow = 0;
                    nextCheckpoint = System.nanoTime() + checkpointInterval.toNanos();
                } else {
                    checkpointFailuresInARow++;
                    nextCheckpoint = System.nanoTime() + retry.delayAfter(checkpointFailuresInARow).toNanos();
                }
            }
        }
    }

    private Optional<TenantProjection> fold(ConsumerRecord<String, byte[]> record) {
        Optional<Event> event;
        try {
            event = record.value() == null ? Optional.empty() : EventCodec.decode(record.value());
        } catch (MalformedEventException e) {
            // the consumer group's SmallRye channel parks it in the dead-letter topic; here it is only skipped
            unreadable.incrementAndGet();
            return Optional.empty();
        }
        if (event.isEmpty()) {
            return Optional.empty();
        }
        Optional<TenantProjection> changed = projection.apply(event.get());
        changed.ifPresent(tenant -> {
            folded.incrementAndGet();
            listener.folded(event.get(), tenant, caughtUp);
        });
        return changed;
    }

    private boolean saveCheckpoint(Set<TopicPartition> assigned) {
        Map<String, Long> positions = new HashMap<>();
        for (TopicPartition partition : assigned) {
            positions.put(Checkpoint.key(partition.topic(), partition.partition()), consumer.position(partition));
        }
        Map<String, List<Event>> tenants = new HashMap<>();
        for (String tenant : dirty) {
            tenants.put(tenant, projection.tenant(tenant).keptEvents());
        }
        try {
            store.save(tenants, positions);
            dirty.removeAll(tenants.keySet());
            return true;
        } catch (Exception e) {
            if (checkpointFailures.getAndIncrement() == 0 || checkpointFailures.get() % 100 == 0) {
                LOG.warning("cannot save the analytics checkpoint (" + e.getMessage() + "); figures stay live in"
                        + " memory and the checkpoint is retried; check PostgreSQL");
            }
            return false;
        }
    }

    private void assignNewPartitions(Set<TopicPartition> assigned, Map<String, Long> positions) {
        List<TopicPartition> found = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos != null) {
                infos.forEach(info -> found.add(new TopicPartition(topic, info.partition())));
            }
        }
        List<TopicPartition> fresh = found.stream().filter(partition -> !assigned.contains(partition)).toList();
        if (fresh.isEmpty()) {
            return;
        }
        assigned.addAll(fresh);
        consumer.assign(assigned);
        Map<TopicPartition, Long> ends = consumer.endOffsets(fresh);
        for (TopicPartition partition : fresh) {
            Long position = positions.get(Checkpoint.key(partition.topic(), partition.partition()));
            if (position == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, position);
            }
        }
        Map<TopicPartition, Long> backlog = new HashMap<>(backlogEnd);
        backlog.putAll(ends);
        backlogEnd = backlog;
    }

    private boolean backlogFolded(Set<TopicPartition> assigned) {
        for (TopicPartition partition : assigned) {
            if (consumer.position(partition) < backlogEnd.getOrDefault(partition, 0L)) {
                return false;
            }
        }
        return true;
    }

    private void updateLag(Set<TopicPartition> assigned) {
        if (assigned.isEmpty()) {
            return;
        }
        Map<String, Long> byTopic = new HashMap<>();
        consumer.endOffsets(assigned).forEach((partition, end) -> byTopic.merge(partition.topic(),
                Math.max(0, end - consumer.position(partition)), Long::sum));
        lag.putAll(byTopic);
    }

    private void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> open = consumer;
        if (open != null) {
            open.wakeup();
        } else {
            thread.interrupt(); // still waiting for PostgreSQL: interrupting a KafkaConsumer would spoil its close
        }
        thread.join(Duration.ofSeconds(10).toMillis());
    }
}
