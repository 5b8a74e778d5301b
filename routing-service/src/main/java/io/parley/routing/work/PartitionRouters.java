package io.parley.routing.work;

import io.parley.events.Event;
import io.parley.events.envelope.MalformedEventException;
import io.parley.routing.decider.Fact;
import io.parley.routing.decider.Router;
import io.parley.routing.decider.TenantRouter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

    /** Starts the partition over from an empty state, to be rebuilt from its first record. */
    void reset(TopicPartition partition) {
        routers.put(partition, new Router());
    }

    void drop(TopicPartition partition) {
        routers.remove(partition);
    }

    boolean holds(TopicPartition partition) {
        return routers.containsKey(partition);
    }

    /**
     * Applies one record of a held partition and returns the decisions it leads to; none for a record of a partition
     * not held, of a type routing does not read, or that is not readable at all (logged and skipped: the forwarder and
     * the admin API write this topic, so such a record is a bug, not input to park).
     */
    List<Event> apply(ConsumerRecord<String, byte[]> record) {
        Router router = routers.get(new TopicPartition(record.topic(), record.partition()));
        if (router == null) {
            return List.of();
        }
        Optional<Fact> fact;
        try {
            fact = WorkCodec.decode(record.value());
        } catch (MalformedEventException e) {
            LOG.warnf("%s offset %d is not a routing fact (%s); skipped", record.topic(), record.offset(),
                    e.getMessage());
            return List.of();
        }
        if (fact.isEmpty()) {
            return List.of();
        }
        synchronized (router) {
            return router.apply(fact.get());
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
