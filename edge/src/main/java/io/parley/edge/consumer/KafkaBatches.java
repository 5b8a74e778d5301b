package io.parley.edge.consumer;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The records of a SmallRye batch channel's poll, with their keys, partitions and offsets: the consumers run each
 * record under {@link RecordProcessor}, which parks records byte-for-byte with their coordinates, so they need the
 * Kafka records rather than the payload list.
 */
public final class KafkaBatches {

    private KafkaBatches() {
    }

    /** The poll's records in their poll order; fails if the message did not come from a Kafka batch channel. */
    public static List<ConsumerRecord<String, byte[]>> recordsOf(Message<List<byte[]>> batch) {
        @SuppressWarnings("unchecked")
        ConsumerRecords<String, byte[]> polled = batch.getMetadata(IncomingKafkaRecordBatchMetadata.class)
                .orElseThrow(() -> new IllegalStateException("a batch arrived without its Kafka records"))
                .getRecords();
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>(polled.count());
        polled.forEach(all::add);
        return all;
    }
}
