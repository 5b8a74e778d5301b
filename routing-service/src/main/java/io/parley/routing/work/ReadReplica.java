package io.parley.routing.work;

import io.parley.events.Topics;
import io.parley.routing.decider.TenantRouter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Every instance's copy of the whole routing state, which the admin API reads: a consumer of no group assigns every
 * partition of the work topic, replays it from its latest snapshot (the beginning without one) and follows it,
 * folding each record exactly as the decider does ({@link PartitionRouters}), and publishes nothing. The decider is
 * deterministic, so after the same records the replica holds the state of the instance deciding for the tenant,
 * whichever that is; it lags that instance by about a poll. The price is memory: an instance holds every tenant's state, and its own tenants' twice.
 */
final class ReadReplica extends PollingWorker {

    private final KafkaClients clients;
    private final RoutingSnapshots snapshots;
    /** What reads see: the state being folded, or after a restart of the loop the last one until the new catches up. */
    private volatile PartitionRouters serving = new PartitionRouters();
    private PartitionRouters folding;
    private Map<TopicPartition, Long> endAtStart = Map.of();
    private volatile boolean caughtUp;

    ReadReplica(KafkaClients clients, RoutingSnapshots snapshots) {
        super("routing-replica");
        this.clients = clients;
        this.snapshots = snapshots;
    }

    /** Reads a tenant's state; empty for a tenant with no routing facts. */
    <T> Optional<T> read(String tenant, Function<TenantRouter, T> reader) {
        return serving.read(tenant, reader);
    }

    /** Whether the replica has folded everything the work topic held when it started reading it. */
    boolean caughtUp() {
        return caughtUp;
    }

    @Override
    KafkaConsumer<String, byte[]> subscribe() {
        KafkaConsumer<String, byte[]> consumer = clients.groupless();
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ROUTING_WORK).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("the topic " + Topics.ROUTING_WORK + " does not exist yet");
        }
        try {
            consumer.assign(partitions);
            folding = new PartitionRouters();
            caughtUp = false;
            endAtStart = consumer.endOffsets(partitions);
            folding.startFromSnapshots(consumer, partitions, snapshots, endAtStart);
            return consumer;
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    @Override
    void handle(KafkaConsumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            folding.applyOrSkip(record);
        }
        if (!caughtUp && endAtStart.entrySet().stream()
                .allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
            serving = folding;
            caughtUp = true;
        }
    }
}
