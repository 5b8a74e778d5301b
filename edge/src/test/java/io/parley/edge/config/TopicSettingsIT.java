package io.parley.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.events.Topics;
import io.parley.testkit.kafka.SharedKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** On the real broker: the start check passes Parley's topics as the testkit creates them and names what is off. */
class TopicSettingsIT {

    @Test
    void parleys_topics_as_created_from_topics_creation_config_pass() {
        String bootstrap = SharedKafka.bootstrapServers();
        try (Admin admin = admin(bootstrap)) {
            assertThat(TopicSettings.problems(admin, Topics.ALL, bootstrap)).isEmpty();
        }
    }

    @Test
    void a_topic_created_with_another_cleanup_policy_and_broker_retention_is_reported_with_its_fix() throws Exception {
        String bootstrap = SharedKafka.bootstrapServers();
        // A dead-letter topic is kept forever; created by hand (compacted, broker retention), it would age out.
        String topic = "wrong-" + UUID.randomUUID() + Topics.deadLetter("", "edge-it");
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);

            String fix = "; fix with kafka-configs.sh --bootstrap-server " + bootstrap + " --alter --entity-type "
                    + "topics --entity-name " + topic + " --add-config cleanup.policy=delete,retention.bytes=-1,"
                    + "retention.ms=-1";
            // until the new topic's metadata has reached the broker that answers, it is reported as missing
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    TopicSettings.problems(admin, List.of(topic, Topics.CONVERSATION_EVENTS), bootstrap))
                    .containsExactly(
                            topic + ": cleanup.policy is compact, expected delete (Topics.creationConfig)" + fix,
                            topic + ": retention.ms is 604800000, expected -1 (Topics.creationConfig)" + fix));
        }
    }

    @Test
    void a_missing_topic_is_reported_with_the_command_that_creates_it() {
        String bootstrap = SharedKafka.bootstrapServers();
        String topic = "missing-" + UUID.randomUUID();
        try (Admin admin = admin(bootstrap)) {
            assertThat(TopicSettings.problems(admin, List.of(topic), bootstrap)).containsExactly(topic
                    + " does not exist: create it with kafka-topics.sh --bootstrap-server " + bootstrap
                    + " --create --topic " + topic + " --partitions 1 --config cleanup.policy=delete");
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }
}
