package io.parley.testkit.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class KafkaBrokerProcessIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOPIC = "probe";

    private final Path dataDir = Path.of("target", "kafka-it-" + UUID.randomUUID());

    @Test
    void carriesRecordsAndComesBackOnTheSamePortsWithItsDataAfterStopAndKill() {
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.inDataDir(dataDir)) {
            broker.start();
            String bootstrapServers = broker.bootstrapServers();
            broker.createTopics(Map.of(TOPIC, 2));

            try (TopicProbe probe = new TopicProbe(bootstrapServers)) {
                TopicMark empty = probe.mark(TOPIC);
                assertThat(empty.offsets()).hasSize(2);
                probe.append(TOPIC, "k1", "first".getBytes(UTF_8), Map.of("origin", "it"));

                ConsumerRecord<String, byte[]> first =
                        probe.await(empty, 1, TopicProbe.keyIs("k1"), WAIT).get(0);
                assertThat(first.value()).asString(UTF_8).isEqualTo("first");
                assertThat(first.headers().lastHeader("origin").value()).asString(UTF_8).isEqualTo("it");

                broker.stop();
                assertThat(broker.isRunning()).isFalse();
                broker.start();
                assertThat(broker.bootstrapServers()).isEqualTo(bootstrapServers);
                assertThat(probe.await(probe.beginning(TOPIC), 1, TopicProbe.keyIs("k1"), WAIT)).hasSize(1);

                broker.kill();
                assertThat(broker.isRunning()).isFalse();
                broker.start();
                probe.append(TOPIC, "k2", "second".getBytes(UTF_8));

                assertThat(probe.await(empty, 2, TopicProbe.any(), WAIT))
                        .extracting(ConsumerRecord::key)
                        .containsExactlyInAnyOrder("k1", "k2");
            }
        }
        assertThat(KafkaBrokerProcess.inDataDir(dataDir).brokerPort())
                .as("a new handle on the same data dir reuses its ports")
                .isEqualTo(KafkaBrokerProcess.inDataDir(dataDir).brokerPort());
    }

    @Test
    void awaitFailsWithWhatItSawWhenTooFewRecordsMatch() {
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.inDataDir(dataDir);
             TopicProbe probe = new TopicProbe(broker.bootstrapServers())) {
            broker.start();
            broker.createTopics(Map.of(TOPIC, 1));
            TopicMark mark = probe.mark(TOPIC);
            probe.append(TOPIC, "other", "x".getBytes(UTF_8));

            assertThatThrownBy(() -> probe.await(mark, 1, TopicProbe.keyIs("wanted"), Duration.ofSeconds(2)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expected 1 matching record(s) on probe")
                    .hasMessageContaining("found 0 among 1 read");
        }
    }

    @Test
    void aSecondHandleOnTheSameDataDirTakesOverTheRunningBroker() {
        // What happens when Quarkus loads the testkit in a second class loader of the same JVM.
        try (KafkaBrokerProcess first = KafkaBrokerProcess.inDataDir(dataDir)) {
            first.start();
            KafkaBrokerProcess second = KafkaBrokerProcess.inDataDir(dataDir);

            second.start();
            assertThat(second.bootstrapServers()).isEqualTo(first.bootstrapServers());

            second.close();
            assertThat(first.isRunning()).isFalse();
        }
    }

    @Test
    void explainsABrokerThatCannotStartWithTheEndOfItsOutput() throws IOException {
        // The port is held by another broker, which answers while the new one is still on its way to failing.
        try (KafkaBrokerProcess holder = KafkaBrokerProcess.inDataDir(Path.of(dataDir + "-holder"))) {
            holder.start();
            KafkaBrokerProcess broker = KafkaBrokerProcess.onPorts(dataDir, holder.brokerPort(), freePort());

            assertThatThrownBy(broker::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exited before answering on 127.0.0.1:" + holder.brokerPort())
                    .hasMessageContaining(broker.logFile().toString())
                    .hasMessageContaining("Address already in use");
            assertThat(broker.isRunning()).isFalse();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
