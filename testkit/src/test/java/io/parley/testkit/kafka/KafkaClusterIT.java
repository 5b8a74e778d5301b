package io.parley.testkit.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/** Three KRaft nodes as `./parley up --brokers 3` runs them: replicated like production, and one node may die. */
class KafkaClusterIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOPIC = "replicated";

    private final Path dataDir = Path.of("target", "kafka-cluster-it-" + UUID.randomUUID());

    @Test
    void three_nodes_replicate_three_times_acknowledge_on_two_and_lose_nothing_when_a_leader_is_killed()
            throws Exception {
        try (KafkaCluster cluster = KafkaCluster.onFreePorts(dataDir, 3)) {
            cluster.start();
            cluster.createTopics(Map.of(TOPIC, 3));
            int leader;
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    cluster.bootstrapServers()))) {
                TopicDescription topic = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
                assertThat(topic.partitions()).hasSize(3)
                        .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
                Config broker = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.BROKER, "2")))
                        .all().get().values().iterator().next();
                assertThat(broker.get("min.insync.replicas").value()).isEqualTo("2");
                assertThat(broker.get("unclean.leader.election.enable").value()).isEqualTo("false");
                assertThat(broker.get("default.replication.factor").value()).isEqualTo("3");
                leader = topic.partitions().get(0).leader().id();
            }

            // Both records go to partition 0, whose leader is killed: the second must be acknowledged by its new leader.
            String before = keyOnPartition(0, 3, "before");
            String after = keyOnPartition(0, 3, "after");
            try (TopicProbe probe = new TopicProbe(cluster.bootstrapServers())) {
                TopicMark start = probe.mark(TOPIC);
                assertThat(probe.append(TOPIC, before, "acknowledged by two of three".getBytes(UTF_8)).partition())
                        .isZero();

                cluster.nodes().get(leader - 1).kill();
                assertThat(probe.append(TOPIC, after, "acknowledged by the two left".getBytes(UTF_8)).partition())
                        .isZero();

                assertThat(probe.await(start, 2, TopicProbe.any(), WAIT))
                        .extracting(ConsumerRecord::key, ConsumerRecord::partition)
                        .containsExactlyInAnyOrder(tuple(before, 0), tuple(after, 0));
            }
        }
    }

    /** The first of {@code prefix-0}, {@code prefix-1}… that Kafka's partitioner for keyed records puts there. */
    private static String keyOnPartition(int partition, int partitions, String prefix) {
        for (int n = 0; ; n++) {
            String key = prefix + "-" + n;
            if (Utils.toPositive(Utils.murmur2(key.getBytes(UTF_8))) % partitions == partition) {
                return key;
            }
        }
    }
}
