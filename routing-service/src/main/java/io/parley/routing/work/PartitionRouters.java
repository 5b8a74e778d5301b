package io.parley.routing.work;

import io.parley.edge.consumer.UnprocessableRecordException;
import io.parley.events.Event;
import io.parley.events.envelope.MalformedEventException;
import io.parley.routing.decider.Fact;
import io.parley.routing.decider.Router;
import io.parley.routing.decider.TenantRouter;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The routing state of some partitions of the work topic, one {@link Router} each, folded record by record: the one
 * fold the decider and the read replica share, so that for the same records they hold the same state. One thread
 * applies records; request threads read concurrently (each router is locked while it is applied or read).
 */
final class PartitionRouters {

    private static final Logger LOG = Logger.getLogger(PartitionRouters.class);

    private final Map<TopicPartition, Router> routers = new ConcurrentHashMap<>();
    private final Supplier<Router> newRouter;

    PartitionRouters() {
        this(Router::new);
    }

    /** With routers made by {@code newRouter}: tests use it to inject a fold failure. */
    PartitionRouters(Supplier<Router> newRouter) {
        this.newRouter = newRouter;
    }

    /** Starts the partition over from an empty state, to be rebuilt from its first record. */
    void reset(TopicPartition partition) {
        routers.put(partition, newRouter.get());
    }

    /** Starts the partition over from a snapshot's state, to go on from the snapshot's offset. */
    void restore(TopicPartition partition, List<TenantRouter.State> tenants) {
        Router router = newRouter.get();
        router.restore(tenants);
        routers.put(partition, router);
    }

    /** The partition's state between two records: what a snapshot stores. */
    List<TenantRouter.State> state(TopicPartition partition) {
        Router router = routers.get(partition);
        synchronized (router) {
            return router.state();
        }
    }

    /**
     * Starts each partition from its latest snapshot at or below {@code notAfter} of it, else from an empty state,
     * and places the consumer there (the snapshot's offset or the beginning); returns the offsets started from.
     */
    Map<TopicPartition, Long> startFromSnapshots(KafkaConsumer<String, byte[]> consumer,
                                                 Collection<TopicPartition> partitions, RoutingSnapshots snapshots,
                                                 Map<TopicPartition, Long> notAfter) {
        Map<TopicPartition, Long> from = new HashMap<>();
        for (TopicPartition partition : partitions) {
            Optional<PartitionSnapshot> snapshot = snapshots.read(partition)
                    .filter(found -> found.offset() <= notAfter.getOrDefault(partition, 0L));
            OptionalLong restoredAt = restoreOrReset(partition, snapshot);
            if (restoredAt.isPresent()) {
                consumer.seek(partition, restoredAt.getAsLong());
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
            from.put(partition, restoredAt.orElse(0L));
        }
        return from;
    }

    /**
     * Starts the partition from {@code snapshot} and returns its offset, or, when there is none or its state cannot
     * be restored (a shape the version number did not tell apart), from an empty state: empty then, to replay the
     * partition from its beginning. A snapshot that fails to restore must cost a replay, not a decider that throws
     * on every assignment.
     */
    OptionalLong restoreOrReset(TopicPartition partition, Optional<PartitionSnapshot> snapshot) {
        if (snapshot.isPresent()) {
            try {
                restore(partition, snapshot.get().tenants());
                return OptionalLong.of(snapshot.get().offset());
            } catch (RuntimeException e) {
                LOG.warnf(e, "the routing snapshot of %s at offset %d cannot be restored: %s is replayed from its "
                        + "beginning", partition, snapshot.get().offset(), partition);
            }
        }
        reset(partition);
        return OptionalLong.empty();
    }

    void drop(TopicPartition partition) {
        routers.remove(partition);
    }

    /** How many partitions are held. */
    int size() {
        return routers.size();
    }

    boolean holds(TopicPartition partition) {
        return routers.containsKey(partition);
    }

    /**
     * Applies one record of a held partition and returns the decisions it leads to; none for a record of a partition
     * not held or of a type routing does not read.
     *
     * @throws MalformedEventException      when the record is not a routing fact at all
     * @throws UnprocessableRecordException when the fold fails on it: the fold is deterministic, so it would fail
     *                                      again, and the router has already taken the fact's id
     */
    List<Event> apply(ConsumerRecord<String, byte[]> record) {
        Router router = routers.get(new TopicPartition(record.topic(), record.partition()));
        if (router == null) {
            return List.of();
        }
        Optional<Fact> fact = WorkCodec.decode(record.value());
        if (fact.isEmpty()) {
            return List.of();
        }
        synchronized (router) {
            try {
                return router.apply(fact.get());
            } catch (RuntimeException e) {
                throw new UnprocessableRecordException("routing cannot apply fact " + fact.get().id() + ": " + e, e);
            }
        }
    }

    /**
     * Applies one record as {@link #apply} does, skipping one that fails: for a replay of records the decider has
     * already handled (it parked such a record when it first met it), and for the read replica, which must skip
     * exactly what the decider parks to hold the same state.
     */
    void applyOrSkip(ConsumerRecord<String, byte[]> record) {
        try {
            apply(record);
        } catch (MalformedEventException | UnprocessableRecordException e) {
            LOG.debugf("%s-%d@%d skipped (parked by the decider): %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    /** Reads a tenant's state; empty when no held partition has a fact of the tenant. */
    <T> Optional<T> read(String tenant, Function<TenantRouter, T> reader) {
        for (Router router : routers.values()) {
            synchronized (router) {
                Optional<TenantRouter> found = router.tenant(tenant);
                if (found.isPresent()) {
                    return Optional.of(reader.apply(found.get()));
                }
            }
        }
        return Optional.empty();
    }
}
