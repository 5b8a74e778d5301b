package io.parley.analytics.projection;

import io.parley.analytics.figures.Projection;
import io.parley.analytics.figures.TenantProjection;
import io.parley.edge.consumer.FailurePolicy;
import io.parley.edge.consumer.OffReplyPathFetch;
import io.parley.edge.consumer.RecordProcessor;
import io.parley.edge.consumer.RecordProcessor.Outcome;
import io.parley.edge.consumer.UnprocessableRecordException;
import io.parley.events.Event;
import io.parley.events.Topics;
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
 * <p>
 * Failures follow the shared policy ({@link RecordProcessor}), where they can happen:
 * <ul>
 * <li>PostgreSQL away: the fold needs no database, so figures stay live in memory; the checkpoint is retried with the
 * policy's backoff until it is saved, and at start the last checkpoint is waited for the same way. Readiness is DOWN
 * meanwhile ({@link #waitingFor()}). Positions only advance with a saved checkpoint, so nothing is lost.</li>
 * <li>A record the figures cannot fold (the fold throws: a pure function of the record and memory, so no retry would
 * help) is parked at once in {@code <topic>.dlq.analytics}, counted, and the next record is folded. A record that is
 * not an event is parked the same way, except on {@code conversation-events}, where the tally's consumer group
 * parks it once; here it is counted as unreadable and skipped.</li>
 * <li>The broker away, or the consumer failing: the loop retries with backoff (readiness DOWN) and never ends until
 * the service stops.</li>
 * </ul>
 * With no consumer group, each instance parks such a record, and a restart meets the records after the checkpoint's
 * positions again: a dead-letter topic may hold a record more than once (its origin headers tell them apart).
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
    private final RecordProcessor records;
    private final Thread thread;
    private final AtomicLong unreadable = new AtomicLong();
    private final AtomicLong folded = new AtomicLong();
    private final AtomicLong checkpointFailures = new AtomicLong();
    private volatile String waitingFor;
    private final Map<String, Long> lag = new ConcurrentHashMap<>();
    private final Set<String> dirty = new HashSet<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private Map<TopicPartition, Long> backlogEnd = Map.of();

    public ProjectionFollower(String bootstrapServers, List<String> topics, Projection projection,
            Checkpoint.Store store, Listener listener, Duration checkpointInterval, RecordProcessor records) {
        this.config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "analytics-projection");
        config.putAll(OffReplyPathFetch.settings());
        this.topics = List.copyOf(topics);
        this.projection = projection;
        this.store = store;
        this.listener = listener;
        this.checkpointInterval = checkpointInterval;
        this.records = records;
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

    /**
     * What the follower is waiting for, if anything: PostgreSQL (to load or save a checkpoint) or the broker; null
     * while it folds and checkpoints normally. Readiness is DOWN while this is set.
     */
    public String waitingFor() {
        return waitingFor;
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
        } finally {
            if (consumer != null) {
                consumer.close();
            }
        }
    }

    private Checkpoint loadCheckpoint() {
        for (int failures = 1; running; failures++) {
            try {
                Checkpoint checkpoint = store.load();
                waitingFor = null;
                return checkpoint;
            } catch (Exception e) {
                waitingFor = "PostgreSQL, to load the last checkpoint: " + e;
                if (failures == 1) {
                    LOG.warning("cannot load the analytics checkpoint (" + e.getMessage() + "); is PostgreSQL up?"
                            + " Retrying until it answers");
                }
                pause(FailurePolicy.backoff(failures));
            }
        }
        return Checkpoint.EMPTY;
    }

    /** Folds the checkpoint's events; one the fold throws on was parked when it was read, and is skipped again. */
    private void restore(Checkpoint checkpoint) {
        checkpoint.tenants().values().forEach(events -> events.forEach(event -> {
            try {
                apply(event);
            } catch (UnprocessableRecordException e) {
                LOG.warning(e.getMessage() + "; skipped while restoring the checkpoint");
            }
        }));
    }

    private void follow(Map<String, Long> positions) {
        Set<TopicPartition> assigned = new HashSet<>();
        long nextTopicCheck = 0;
        long nextCheckpoint = System.nanoTime() + checkpointInterval.toNanos();
        int checkpointFailuresInARow = 0;
        int loopFailuresInARow = 0;
        while (running) {
            try {
                if (System.nanoTime() >= nextTopicCheck) {
                    assignNewPartitions(assigned, positions);
                    updateLag(assigned);
                    nextTopicCheck = System.nanoTime() + TOPIC_CHECK.toNanos();
                }
                Set<String> changed = new HashSet<>();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (records.process(record, r -> fold(r, changed)) == Outcome.INTERRUPTED) {
                        return; // closing while the broker was away for a park
                    }
                }
                if (!changed.isEmpty()) {
                    dirty.addAll(changed);
                    listener.changed(changed);
                }
                if (!caughtUp && !assigned.isEmpty() && backlogFolded(assigned)) {
                    caughtUp = true;
                }
                if (loopFailuresInARow > 0) {
                    loopFailuresInARow = 0;
                    waitingFor = null;
                }
                if (System.nanoTime() >= nextCheckpoint) {
                    if (saveCheckpoint(assigned)) {
                        checkpointFailuresInARow = 0;
                        nextCheckpoint = System.nanoTime() + checkpointInterval.toNanos();
                    } else {
                        checkpointFailuresInARow++;
                        nextCheckpoint = System.nanoTime()
                                + FailurePolicy.backoff(checkpointFailuresInARow).toNanos();
                    }
                }
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                // the broker away (metadata, offsets or fetch timing out) or the consumer failing: never stop for it
                loopFailuresInARow++;
                waitingFor = "the broker: " + e;
                if (loopFailuresInARow == 1) {
                    LOG.log(Level.WARNING, "the analytics projection cannot read the logs; retrying until it can", e);
                }
                pause(FailurePolicy.backoff(loopFailuresInARow));
            }
        }
    }

    /**
     * Decodes and folds one record; the {@link RecordProcessor} parks it if this throws. An event this projection
     * cannot fold is {@link UnprocessableRecordException}: the fold is pure, so a retry would fail alike.
     */
    private void fold(ConsumerRecord<String, byte[]> record, Set<String> changed) {
        Optional<Event> event;
        try {
            event = record.value() == null ? Optional.empty() : EventCodec.decode(record.value());
        } catch (MalformedEventException e) {
            unreadable.incrementAndGet();
            if (record.topic().equals(Topics.CONVERSATION_EVENTS)) {
                return; // the tally's consumer group parks it, once
            }
            throw e;
        }
        if (event.isEmpty()) {
            return;
        }
        apply(event.get()).ifPresent(tenant -> {
            folded.incrementAndGet();
            changed.add(tenant.tenant());
            listener.folded(event.get(), tenant, caughtUp);
        });
    }

    /** Folds an event into the figures; the fold throwing (an error of the process's own aside) is the event's fault. */
    private Optional<TenantProjection> apply(Event event) {
        try {
            return projection.apply(event);
        } catch (RuntimeException e) {
            throw unfoldable(event, e);
        } catch (Error e) {
            if (!FailurePolicy.isRecordsOwn(e)) {
                throw e;
            }
            throw unfoldable(event, e);
        }
    }

    private static UnprocessableRecordException unfoldable(Event event, Throwable failure) {
        return new UnprocessableRecordException("the figures cannot fold " + event.type() + " " + event.id() + ": "
                + failure, failure);
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
            if (waitingFor != null) {
                waitingFor = null;
                LOG.info("the analytics checkpoint is saved again");
            }
            return true;
        } catch (Exception e) {
            if (waitingFor == null) {
                LOG.warning("cannot save the analytics checkpoint (" + e.getMessage() + "); figures stay live in"
                        + " memory and the checkpoint is retried until it is saved; check PostgreSQL");
            }
            checkpointFailures.incrementAndGet();
            waitingFor = "PostgreSQL, to save the checkpoint: " + e;
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
