package io.parley.routing.work;

import io.parley.edge.consumer.RecordProcessor;
import io.parley.edge.consumer.RecordProcessor.Outcome;
import io.parley.events.Topics;
import io.parley.events.envelope.EventCodec;
import io.parley.routing.decider.TenantRouter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Decides for the tenants of the work-topic partitions this instance owns. On assignment it rebuilds each partition's
 * state from the partition's latest snapshot at or below the committed offset ({@link RoutingSnapshots}; from the
 * beginning without one), folding the records after it and publishing nothing up to the committed offset (those
 * decisions are in the log already); past it, decisions are appended to {@code conversation-events} and the offset is
 * committed once Kafka acknowledged them. A committed partition's state is snapshotted at the committed offset at most
 * every {@code snapshotEvery}, and at once when its start had records to fold. The decider is deterministic, so a decision made again after a crash or by a zombie
 * owner has the same id and content as the first, and every instance's {@link ReadReplica}, folding the same records
 * the same way ({@link PartitionRouters}), holds the state the owner holds. Under the edge's failure policy: a record
 * the fold cannot take is parked in {@code routing-work.dlq.routing} when first met (and skipped, like the replica
 * skips it, when the partition is replayed), the broker being away is waited out; nothing restarts the worker.
 */
public final class DeciderWorker extends PollingWorker {

    public static final String GROUP = "routing-decider";

    private static final Logger LOG = Logger.getLogger(DeciderWorker.class);

    private final KafkaClients clients;
    private final KafkaProducer<String, byte[]> producer;
    private final RecordProcessor processor;
    private final String group;
    private final String workTopic;
    private final PartitionRouters routers;
    private final Optional<RoutingSnapshots> snapshots;
    private final Duration snapshotEvery;
    /** When each partition's state was last snapshotted or restored; none yet: a snapshot is due. */
    private final Map<TopicPartition, Long> lastSnapshotNanos = new HashMap<>();
    private final Map<TopicPartition, Long> silentUntil = new HashMap<>();
    /**
     * Partitions assigned and not yet folded up to their committed offset, with the offset each started from (its
     * snapshot's, or 0), and what their catch-up folded so far.
     */
    private final Map<TopicPartition, Long> catchingUp = new HashMap<>();
    private long foldedCatchingUp;
    private volatile long foldedAtLastCatchUp = -1;

    DeciderWorker(KafkaClients clients, KafkaProducer<String, byte[]> producer, RecordProcessor processor,
                  String group, String name, Duration snapshotEvery) {
        this(clients, producer, processor, group, name, Topics.ROUTING_WORK, new PartitionRouters(),
                Optional.of(new RoutingSnapshots(clients, producer)), snapshotEvery);
    }

    /**
     * On {@code workTopic} with {@code routers}, without snapshots: tests decide on a topic of their own, with a fold
     * failure.
     */
    DeciderWorker(KafkaClients clients, KafkaProducer<String, byte[]> producer, RecordProcessor processor,
                  String group, String name, String workTopic, PartitionRouters routers) {
        this(clients, producer, processor, group, name, workTopic, routers, Optional.empty(), Duration.ZERO);
    }

    private DeciderWorker(KafkaClients clients, KafkaProducer<String, byte[]> producer, RecordProcessor processor,
                          String group, String name, String workTopic, PartitionRouters routers,
                          Optional<RoutingSnapshots> snapshots, Duration snapshotEvery) {
        super(name);
        this.clients = clients;
        this.producer = producer;
        this.processor = processor;
        this.group = group;
        this.workTopic = workTopic;
        this.routers = routers;
        this.snapshots = snapshots;
        this.snapshotEvery = snapshotEvery;
    }

    /** Reads a tenant's state as this decider has it, if it decides for the tenant (API reads use the replica). */
    public <T> Optional<T> read(String tenant, Function<TenantRouter, T> reader) {
        return routers.read(tenant, reader);
    }

    /** How many records the last catch-up folded (up to the committed offsets); -1 before the first ended. */
    long foldedAtLastCatchUp() {
        return foldedAtLastCatchUp;
    }

    @Override
    KafkaConsumer<String, byte[]> subscribe() {
        KafkaConsumer<String, byte[]> consumer = clients.consumer(group);
        consumer.subscribe(List.of(workTopic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
                for (TopicPartition partition : partitions) {
                    OffsetAndMetadata offset = committed.get(partition);
                    silentUntil.put(partition, offset == null ? 0L : offset.offset());
                }
                if (snapshots.isPresent()) {
                    routers.startFromSnapshots(consumer, partitions, snapshots.get(), silentUntil)
                            .forEach((partition, from) -> {
                                catchingUp.put(partition, from);
                                if (from.equals(silentUntil.get(partition))) {
                                    lastSnapshotNanos.put(partition, System.nanoTime()); // nothing to fold: current
                                }
                            });
                } else {
                    partitions.forEach(partition -> {
                        routers.reset(partition);
                        catchingUp.put(partition, 0L);
                    });
                    consumer.seekToBeginning(partitions);
                }
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                partitions.forEach(partition -> {
                    routers.drop(partition);
                    silentUntil.remove(partition);
                    catchingUp.remove(partition);
                    lastSnapshotNanos.remove(partition);
                });
            }
        });
        return consumer;
    }

    @Override
    void handle(KafkaConsumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records) {
        if (records.isEmpty()) {
            reportCatchUp(consumer);
            return;
        }
        Appends decisions = new Appends(producer, processor);
        Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            if (!routers.holds(partition)) {
                continue;
            }
            long silentBelow = silentUntil.getOrDefault(partition, 0L);
            long next = -1;
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (record.offset() < silentBelow) {
                    routers.applyOrSkip(record); // decided before: its decisions are in the log already
                    foldedCatchingUp++;
                } else if (!decide(record, decisions)) {
                    return;
                }
                next = record.offset() + 1;
            }
            if (next > silentBelow) {
                toCommit.put(partition, new OffsetAndMetadata(next));
            }
        }
        if (decisions.awaitAll() && !toCommit.isEmpty()) {
            consumer.commitSync(toCommit);
            toCommit.forEach((partition, committed) -> snapshotIfDue(partition, committed.offset()));
        }
        reportCatchUp(consumer);
    }

    /**
     * Whether the partition has been folded up to its committed offset. One that had to fold records to get there,
     * and stands exactly at it, is snapshotted at once: a partition with history and no new traffic would otherwise
     * never be, and every start would fold that history again.
     */
    private boolean caughtUp(KafkaConsumer<String, byte[]> consumer, TopicPartition partition, long startedFrom) {
        long position = consumer.position(partition);
        long committed = silentUntil.getOrDefault(partition, 0L);
        if (position == committed && committed > startedFrom) {
            snapshot(partition, committed);
        }
        return position >= committed;
    }

    /** Snapshots the partition's state, which is the fold of its records below {@code committed}, if one is due. */
    private void snapshotIfDue(TopicPartition partition, long committed) {
        Long last = lastSnapshotNanos.get(partition);
        if (last == null || System.nanoTime() - last >= snapshotEvery.toNanos()) {
            snapshot(partition, committed);
        }
    }

    private void snapshot(TopicPartition partition, long offset) {
        if (snapshots.isPresent()) {
            snapshots.get().write(partition, offset, routers.state(partition));
            lastSnapshotNanos.put(partition, System.nanoTime());
        }
    }

    /**
     * Logs once every assigned partition has been folded up to its committed offset: what a start or a rebalance
     * cost ({@code ./parley bench restart --service routing} reads the line).
     */
    private void reportCatchUp(KafkaConsumer<String, byte[]> consumer) {
        if (catchingUp.isEmpty()) {
            return;
        }
        catchingUp.entrySet().removeIf(started -> caughtUp(consumer, started.getKey(), started.getValue()));
        if (catchingUp.isEmpty()) {
            LOG.infof("routing decider caught up on %d partitions: %d records folded", routers.size(),
                    foldedCatchingUp);
            foldedAtLastCatchUp = foldedCatchingUp;
            foldedCatchingUp = 0;
        }
    }

    /** Applies a record past the committed offset and sends its decisions; false if interrupted (stopping). */
    private boolean decide(ConsumerRecord<String, byte[]> record, Appends decisions) {
        List<ProducerRecord<String, byte[]>> decided = new ArrayList<>();
        Outcome outcome = processor.process(record, fact -> routers.apply(fact).forEach(decision -> decided.add(
                new ProducerRecord<>(Topics.CONVERSATION_EVENTS, decision.subject(), EventCodec.encode(decision)))));
        decisions.send(record, decided);
        return outcome != Outcome.INTERRUPTED;
    }
}
