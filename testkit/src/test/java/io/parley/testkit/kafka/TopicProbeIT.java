package io.parley.testkit.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class TopicProbeIT {

    private final String topic = "probe-" + UUID.randomUUID();
    private final String group = "group-" + UUID.randomUUID();

    @Test
    void readsEverythingBetweenTwoMarksAndSeesWhereAGroupCommitted() {
        KafkaBrokerProcess broker = SharedKafka.broker();
        broker.createTopics(Map.of(topic, 2));
        try (TopicProbe probe = new TopicProbe(broker.bootstrapServers())) {
            TopicMark empty = probe.mark(topic);
            probe.append(topic, "a", "1".getBytes(UTF_8));
            probe.append(topic, "b", "2".getBytes(UTF_8));
            probe.append(topic, "a", "3".getBytes(UTF_8));
            TopicMark written = probe.mark(topic);
            probe.append(topic, "a", "after".getBytes(UTF_8));

            List<ConsumerRecord<String, byte[]>> between = probe.between(empty, written);
            assertThat(between).extracting(record -> new String(record.value(), UTF_8))
                    .containsExactlyInAnyOrder("1", "2", "3");
            assertThat(between).filteredOn(TopicProbe.keyIs("a"))
                    .extracting(record -> new String(record.value(), UTF_8)).containsExactly("1", "3");

            assertThat(probe.committed(group, topic)).isEqualTo(empty).matches(mark -> !mark.reached(written));
            consumeAndCommitEverything(broker.bootstrapServers(), 4);
            assertThat(probe.committed(group, topic).reached(written)).isTrue();
        }
    }

    private void consumeAndCommitEverything(String bootstrapServers, int count) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            AtomicInteger read = new AtomicInteger();
            await().atMost(Duration.ofSeconds(30)).pollInSameThread()
                    .until(() -> read.addAndGet(consumer.poll(Duration.ofMillis(200)).count()) >= count);
            consumer.commitSync();
        }
    }
}
