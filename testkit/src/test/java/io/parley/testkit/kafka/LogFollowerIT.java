package io.parley.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.events.Event;
import io.parley.events.envelope.EventCodec;
import io.parley.events.kafka.LogFollower;
import io.parley.events.workspace.WorkspaceEvent.TeamDeleted;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

class LogFollowerIT {

    @Test
    void a_follower_waits_for_its_topic_reads_it_from_the_beginning_and_then_follows_it() throws Exception {
        KafkaBrokerProcess broker = SharedKafka.broker();
        String topic = "follow-" + UUID.randomUUID();
        List<String> seen = new CopyOnWriteArrayList<>();
        try (TopicProbe probe = new TopicProbe(broker.bootstrapServers());
             LogFollower follower = new LogFollower(broker.bootstrapServers(), List.of(topic), "follower-it",
                     event -> seen.add(((TeamDeleted) event.data()).teamId())).start()) {
            assertThat(follower.awaitCaughtUp(Duration.ofMillis(300))).as("no topic yet").isFalse();

            broker.createTopics(Map.of(topic, 2));
            probe.append(topic, "acme", EventCodec.encode(teamDeleted("before-start")));
            assertThat(follower.awaitCaughtUp(Duration.ofSeconds(20))).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("before-start"));

            probe.append(topic, "acme", "not an event".getBytes(StandardCharsets.UTF_8));
            RecordMetadata written = probe.append(topic, "acme", EventCodec.encode(teamDeleted("while-following")));
            assertThat(follower.awaitApplied(topic, written.partition(), written.offset(), Duration.ofSeconds(10)))
                    .isTrue();
            assertThat(seen).containsExactly("before-start", "while-following");
            assertThat(follower.skipped()).isEqualTo(1);
        }
    }

    private static Event teamDeleted(String team) {
        return new Event(UUID.randomUUID().toString(), "/test", "acme", Instant.now(), "acme", null,
                new TeamDeleted(team, "root"));
    }
}
