package io.parley.edge.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** How logs and readiness name a record: {@code topic-partition@offset}. */
final class RecordCoordinates {

    private RecordCoordinates() {
    }

    static String of(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
