package io.parley.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaTestResourceIT {

    @Test
    void givesOnlyTheSharedBrokersAddressWithParleysTopicsAndLeavesItRunning() {
        KafkaTestResource resource = new KafkaTestResource();

        Map<String, String> config = resource.start();
        resource.stop();

        assertThat(config).containsOnlyKeys("kafka.bootstrap.servers");
        String bootstrapServers = config.get("kafka.bootstrap.servers");
        assertThat(bootstrapServers).isEqualTo(SharedKafka.broker().bootstrapServers());
        assertThat(SharedKafka.broker().dataDir().getFileName())
                .hasToString("parley-kafka-" + ProcessHandle.current().pid());
        try (TopicProbe probe = new TopicProbe(bootstrapServers)) {
            SharedKafka.TOPICS.forEach((topic, partitions) ->
                    assertThat(probe.mark(topic).offsets()).as(topic).hasSize(partitions));
        }
    }
}
