package io.parley.edge.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

class KafkaBatchesTest {

    @Test
    void givesEveryRecordOfThePollWithItsCoordinatesInPollOrder() {
        ConsumerRecord<String, byte[]> a0 = new ConsumerRecord<>("t", 0, 7, "a", new byte[] {1});
        ConsumerRecord<String, byte[]> a1 = new ConsumerRecord<>("t", 0, 8, "a", new byte[] {2});
        ConsumerRecord<String, byte[]> b0 = new ConsumerRecord<>("t", 1, 3, "b", new byte[] {3});
        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> polled = new LinkedHashMap<>();
        polled.put(new TopicPartition("t", 0), List.of(a0, a1));
        polled.put(new TopicPartition("t", 1), List.of(b0));
        ConsumerRecords<String, byte[]> records = new ConsumerRecords<>(polled, Map.of());
        Message<List<byte[]>> batch = Message.of(List.of(a0.value(), a1.value(), b0.value()),
                Metadata.of(new IncomingKafkaRecordBatchMetadata<>(records, "in", Map.of())));

        assertThat(KafkaBatches.recordsOf(batch)).containsExactly(a0, a1, b0);
    }

    @Test
    void aMessageNotFromAKafkaBatchChannelIsRefused() {
        assertThatThrownBy(() -> KafkaBatches.recordsOf(Message.of(List.of(new byte[] {1}))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("without its Kafka records");
    }
}
