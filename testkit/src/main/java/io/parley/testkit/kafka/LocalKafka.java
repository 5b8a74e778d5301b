package io.parley.testkit.kafka;

import java.util.Map;

/** Kafka on this machine, one node ({@link KafkaBrokerProcess}) or several ({@link KafkaCluster}). */
public interface LocalKafka extends AutoCloseable {

    /** Starts every node and waits until the cluster answers. */
    void start();

    String bootstrapServers();

    /** Creates the topics with the given partitions, replicated as the cluster allows; existing ones are kept. */
    void createTopics(Map<String, Integer> partitionsByTopic);

    @Override
    void close();
}
