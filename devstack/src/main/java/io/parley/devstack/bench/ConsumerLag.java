package io.parley.devstack.bench;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How far every consumer group of a broker is behind the ends of the partitions it reads. */
final class ConsumerLag implements AutoCloseable {

    private final Admin admin;

    ConsumerLag(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        admin = Admin.create(properties);
    }

    /**
     * Records not yet committed, per group with members, summed over the group's partitions. A group without members
     * is left out: the per-instance groups of a process that was killed (ticket's live feed and bot's tenant changes
     * name theirs after the instance) keep their offsets while nobody reads on, and their lag would grow forever.
     */
    Map<String, Long> perGroup() throws Exception {
        Set<String> listed = admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId)
                .collect(Collectors.toSet());
        Set<String> groups = admin.describeConsumerGroups(listed).all().get().values().stream()
                .filter(group -> !group.members().isEmpty()).map(ConsumerGroupDescription::groupId)
                .collect(Collectors.toSet());
        Map<String, Long> lag = new java.util.TreeMap<>();
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            if (committed.isEmpty()) {
                continue;
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(committed.keySet()
                    .stream().collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest())))
                    .all().get();
            long behind = 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                long end = ends.get(entry.getKey()).offset();
                behind += Math.max(0, end - (entry.getValue() == null ? 0 : entry.getValue().offset()));
            }
            lag.put(group, behind);
        }
        return lag;
    }

    /** How many records of {@code topic} {@code group} has not committed yet (0: it has read to the end). */
    long behind(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> partitions = admin.describeTopics(Set.of(topic)).allTopicNames().get()
                .get(topic).partitions().stream()
                .collect(Collectors.toMap(info -> new TopicPartition(topic, info.partition()),
                        info -> OffsetSpec.latest()));
        long behind = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end
                : admin.listOffsets(partitions).all().get().entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            behind += Math.max(0, end.getValue().offset() - (at == null ? 0 : at.offset()));
        }
        return behind;
    }

    @Override
    public void close() {
        admin.close();
    }
}
