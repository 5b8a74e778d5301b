package io.parley.testkit.kafka;

import io.parley.testkit.process.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;

/**
 * Several KRaft nodes on the loopback interface, each a broker and a controller in a JVM of its own, forming one
 * cluster: node {@code i} (from 1) keeps its files in {@code <dataDir>/node-<i>} and listens on
 * {@code firstPort + 2(i-1)} for clients and the port after for the quorum. With three nodes or more, topics have
 * three replicas, {@code min.insync.replicas=2} and unclean leader election off, as in production (deploy/).
 */
public final class KafkaCluster implements LocalKafka {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final List<KafkaBrokerProcess> nodes;
    private final BrokerConfig.Quorum quorum;

    private KafkaCluster(List<KafkaBrokerProcess> nodes, BrokerConfig.Quorum quorum) {
        this.nodes = nodes;
        this.quorum = quorum;
    }

    /** {@code size} nodes from {@code firstPort} on, reusing the storage (and cluster id) an earlier run left. */
    public static KafkaCluster onPorts(Path dataDir, int size, int firstPort) {
        return onPorts(dataDir, ports(size, firstPort));
    }

    /** {@code size} nodes on free ports, for tests. */
    public static KafkaCluster onFreePorts(Path dataDir, int size) {
        return onPorts(dataDir, FreePorts.onLoopback(2 * size));
    }

    /** A node per pair of ports: the client port, then the controller port. */
    private static KafkaCluster onPorts(Path dataDir, List<Integer> ports) {
        int size = ports.size() / 2;
        if (size < 1) {
            throw new IllegalArgumentException("A Kafka cluster needs at least one node");
        }
        List<Integer> controllerPorts = IntStream.range(0, size).mapToObj(i -> ports.get(2 * i + 1)).toList();
        String clusterId = existingClusterId(dataDir, size).orElseGet(() -> Uuid.randomUuid().toString());
        List<KafkaBrokerProcess> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            BrokerConfig.Quorum quorum = new BrokerConfig.Quorum(i + 1, controllerPorts, clusterId);
            nodes.add(new KafkaBrokerProcess(new BrokerConfig(nodeDir(dataDir, i + 1), ports.get(2 * i),
                    controllerPorts.get(i), quorum)));
        }
        return new KafkaCluster(List.copyOf(nodes), new BrokerConfig.Quorum(1, controllerPorts, clusterId));
    }

    /** Every node's ports from {@code firstPort} on, a pair each (clients', then the controller's). */
    public static List<Integer> ports(int size, int firstPort) {
        return IntStream.range(0, 2 * size).mapToObj(i -> firstPort + i).toList();
    }

    private static Path nodeDir(Path dataDir, int nodeId) {
        return dataDir.toAbsolutePath().resolve("node-" + nodeId);
    }

    private static Optional<String> existingClusterId(Path dataDir, int size) {
        return IntStream.rangeClosed(1, size)
                .mapToObj(node -> new BrokerConfig(nodeDir(dataDir, node), 0, 0))
                .filter(BrokerConfig::isFormatted)
                .map(BrokerConfig::clusterId)
                .findFirst();
    }

    /** Launches every node, then waits until each answers (a node needs a majority of the quorum to answer). */
    @Override
    public void start() {
        nodes.forEach(KafkaBrokerProcess::launchWithoutWaiting);
        nodes.forEach(node -> node.awaitAnswer(START_TIMEOUT));
    }

    /** Every node's client address, for {@code bootstrap.servers}. */
    @Override
    public String bootstrapServers() {
        return nodes.stream().map(KafkaBrokerProcess::bootstrapServers).collect(Collectors.joining(","));
    }

    public List<KafkaBrokerProcess> nodes() {
        return nodes;
    }

    public int replication() {
        return quorum.replication();
    }

    /** Creates the topics with the given partitions and the cluster's replication; existing ones are kept. */
    @Override
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        KafkaTopics.create(bootstrapServers(), partitionsByTopic, quorum.replication());
    }

    /** Stops every node, the last one first. */
    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }
}
