package io.parley.testkit.kafka;

import io.parley.testkit.process.FreePorts;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;

/**
 * Where a KRaft node (combined broker and controller) keeps its files, which ports it listens on, and the quorum it is
 * one of: itself alone, or the nodes of a {@link KafkaCluster}.
 */
record BrokerConfig(Path dataDir, int brokerPort, int controllerPort, Quorum quorum) {

    /**
     * The controller quorum: node {@code i + 1} has {@code controllerPorts.get(i)}. Its replication follows its size:
     * three or more nodes keep three replicas and acknowledge on two ({@code min.insync.replicas}), so one node may
     * fail without losing an acknowledged write or refusing one.
     *
     * @param nodeId          this node's id
     * @param controllerPorts every node's controller port, by node id
     * @param clusterId       the id a new node's storage is formatted with (all nodes of a cluster share it)
     */
    record Quorum(int nodeId, List<Integer> controllerPorts, String clusterId) {

        static Quorum single(int controllerPort) {
            return new Quorum(1, List.of(controllerPort), Uuid.randomUuid().toString());
        }

        String voters() {
            return IntStream.range(0, controllerPorts.size())
                    .mapToObj(i -> (i + 1) + "@" + HOST + ":" + controllerPorts.get(i))
                    .collect(Collectors.joining(","));
        }

        int replication() {
            return Math.min(3, controllerPorts.size());
        }

        int minInSync() {
            return replication() >= 3 ? 2 : 1;
        }
    }

    BrokerConfig(Path dataDir, int brokerPort, int controllerPort) {
        this(dataDir, brokerPort, controllerPort, Quorum.single(controllerPort));
    }

    static final String HOST = FreePorts.LOOPBACK;
    private static final Pattern LISTENER = Pattern.compile("(PLAINTEXT|CONTROLLER)://[^,]*:(\\d+)");

    /** The ports an earlier run in this data dir used, so that clients configured then still reach the broker. */
    static Optional<BrokerConfig> readFrom(Path dataDir) {
        Path file = dataDir.resolve("server.properties");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Matcher listener = LISTENER.matcher(load(file).getProperty("listeners", ""));
        int broker = -1;
        int controller = -1;
        while (listener.find()) {
            int port = Integer.parseInt(listener.group(2));
            if (listener.group(1).equals("PLAINTEXT")) {
                broker = port;
            } else {
                controller = port;
            }
        }
        return broker > 0 && controller > 0
                ? Optional.of(new BrokerConfig(dataDir, broker, controller))
                : Optional.empty();
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return properties;
    }

    static BrokerConfig onFreePorts(Path dataDir) {
        List<Integer> ports = FreePorts.onLoopback(2);
        return new BrokerConfig(dataDir, ports.get(0), ports.get(1));
    }

    String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    Path propertiesFile() {
        return dataDir.resolve("server.properties");
    }

    Path logFile() {
        return dataDir.resolve("broker.log");
    }

    Path pidFile() {
        return dataDir.resolve("broker.pid");
    }

    Path launcherDir() {
        return dataDir.resolve("launcher");
    }

    Path storageDir() {
        return dataDir.resolve("kraft");
    }

    private Path metaPropertiesFile() {
        return storageDir().resolve("meta.properties");
    }

    boolean isFormatted() {
        return Files.exists(metaPropertiesFile());
    }

    /** The id the storage was formatted with: a broker answering with another id is not this one. */
    String clusterId() {
        return load(metaPropertiesFile()).getProperty("cluster.id");
    }

    void write() throws IOException {
        Files.createDirectories(dataDir);
        try (Writer writer = Files.newBufferedWriter(propertiesFile())) {
            serverProperties().store(writer, "Written by io.parley.testkit.kafka.KafkaBrokerProcess on every start");
        }
    }

    private Properties serverProperties() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(quorum.nodeId()));
        p.setProperty("controller.quorum.voters", quorum.voters());
        p.setProperty("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", storageDir().toString());
        // Internal topics too are replicated as far as the quorum allows (one node: a single replica).
        String replication = Integer.toString(quorum.replication());
        String minInSync = Integer.toString(quorum.minInSync());
        p.setProperty("default.replication.factor", replication);
        p.setProperty("min.insync.replicas", minInSync);
        p.setProperty("unclean.leader.election.enable", "false");
        p.setProperty("offsets.topic.replication.factor", replication);
        p.setProperty("transaction.state.log.replication.factor", replication);
        p.setProperty("transaction.state.log.min.isr", minInSync);
        p.setProperty("share.coordinator.state.topic.replication.factor", replication);
        p.setProperty("share.coordinator.state.topic.min.isr", minInSync);
        // Fewer internal partitions and no rebalance delay: consumer groups form in milliseconds, not seconds.
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.num.partitions", "5");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Parley's own topics are created explicitly (with their partition counts); auto-creation stays on for
        // what services create implicitly, such as dead-letter topics, with one partition.
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("num.partitions", "1");
        return p;
    }
}
