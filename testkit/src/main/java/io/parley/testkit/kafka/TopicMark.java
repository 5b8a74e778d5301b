package io.parley.testkit.kafka;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** A point in a topic: one offset per partition, from which {@link TopicProbe} reads. */
public record TopicMark(String topic, Map<TopicPartition, Long> offsets) {

    public TopicMark {
        offsets = Map.copyOf(offsets);
    }

    /** At or past {@code other} on every partition {@code other} names, e.g. a consumer group's committed offsets. */
    public boolean reached(TopicMark other) {
        return other.offsets().entrySet().stream()
                .allMatch(partition -> offsets.getOrDefault(partition.getKey(), 0L) >= partition.getValue());
    }
}
