package io.parley.testkit.kafka;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** A point in a topic: one offset per partition, from which {@link TopicProbe} reads. */
public record TopicMark(String topic, Map<TopicPartition, Long> offsets) {

    public TopicMark {
        offsets = Map.copyOf(offsets);
    }
}
