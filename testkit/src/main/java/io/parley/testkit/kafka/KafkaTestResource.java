package io.parley.testkit.kafka;

import io.parley.testkit.ContainerMode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Points a {@code @QuarkusTest} at a real broker: {@code kafka.bootstrap.servers}, nothing else. By default the
 * {@link SharedKafka} broker process, which outlives the Quarkus application (fault tests may stop and restart it);
 * with {@code -Dparley.test.containers=true} an {@code apache/kafka} container instead, which needs Docker.
 * Either way Parley's topics ({@link SharedKafka#TOPICS}) exist before the application starts.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    static final String IMAGE = "apache/kafka:4.1.1";

    private KafkaContainer container;

    @Override
    public Map<String, String> start() {
        String bootstrapServers = ContainerMode.enabled() ? startContainer() : SharedKafka.bootstrapServers();
        return Map.of("kafka.bootstrap.servers", bootstrapServers);
    }

    @Override
    public void stop() {
        if (container != null) {
            container.stop();
            container = null;
        }
    }

    private String startContainer() {
        container = new KafkaContainer(IMAGE);
        container.start();
        KafkaTopics.create(container.getBootstrapServers(), SharedKafka.TOPICS, 1);
        return container.getBootstrapServers();
    }
}
