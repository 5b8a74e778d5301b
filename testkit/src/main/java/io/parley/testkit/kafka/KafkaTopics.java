package io.parley.testkit.kafka;

import io.parley.events.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates topics with the settings {@link Topics} asks for; one that exists is left as it is. */
final class KafkaTopics {

    private static final long TIMEOUT_SECONDS = 30;

    private KafkaTopics() {
    }

    static void create(String bootstrapServers, Map<String, Integer> partitionsByTopic, int replication) {
        List<NewTopic> topics = partitionsByTopic.entrySet().stream()
                .map(topic -> new NewTopic(topic.getKey(), topic.getValue(), (short) replication)
                        .configs(Topics.creationConfig(topic.getKey())))
                .toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(topics).values().forEach((topic, created) -> await(topic, created, bootstrapServers));
        }
    }

    private static void await(String topic, KafkaFuture<Void> created, String bootstrapServers) {
        try {
            created.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + topic + " on " + bootstrapServers, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Creating topic " + topic + " on " + bootstrapServers
                    + " took more than " + TIMEOUT_SECONDS + "s: is the broker up?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        }
    }
}
