package io.parley.routing.work;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Routing's Kafka clients: manual commits, reading from the start, idempotent acks=all producers. */
public record KafkaClients(String bootstrapServers) {

    /** A member of the consumer group, for subscriptions. */
    public KafkaConsumer<String, byte[]> consumer(String groupId) {
        Properties properties = consumerProperties();
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** A consumer of no group, for partitions it assigns itself: it commits nothing and moves no one's offsets. */
    public KafkaConsumer<String, byte[]> groupless() {
        return new KafkaConsumer<>(consumerProperties(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    public KafkaProducer<String, byte[]> producer() {
        Properties properties = new Properties();
        properties.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "1"));
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    private Properties consumerProperties() {
        Properties properties = new Properties();
        properties.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        return properties;
    }
}
