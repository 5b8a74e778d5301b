package io.parley.edge.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.edge.consumer.RecordProcessor.Outcome;
import io.parley.events.Topics;
import io.parley.events.kafka.DeadLetterHeaders;
import io.parley.testkit.kafka.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/** On the real broker: a readable record that cannot be processed lands byte-for-byte in its dead-letter topic. */
class DeadLetterPublisherIT {

    @Test
    void an_unprocessable_record_is_parked_with_its_key_value_and_headers_and_the_reasons() {
        String bootstrap = SharedKafka.bootstrapServers();
        String topic = "parking-" + UUID.randomUUID();
        byte[] value = {0, (byte) 0xff, 'h', 'i'};
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(topic, 2, 17, 0L, TimestampType.CREATE_TIME, 0, 0,
                "wa:acme:1", value, headers, java.util.Optional.empty());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        try (DeadLetterPublisher publisher = new DeadLetterPublisher("edge-it-service", bootstrap)) {
            RecordProcessor processor = new RecordProcessor(publisher, new ConsumerMetrics(registry),
                    new ConsumerReadiness());
            Outcome outcome = processor.process(record, unprocessable -> {
                throw new IllegalStateException("no handler for this record");
            });
            assertThat(outcome).isEqualTo(Outcome.PARKED);
        }

        ConsumerRecord<byte[], byte[]> parked = readOne(bootstrap, Topics.deadLetter(topic, "edge-it"));
        assertThat(parked.key()).isEqualTo("wa:acme:1".getBytes(StandardCharsets.UTF_8));
        assertThat(parked.value()).isEqualTo(value);
        assertThat(headerNames(parked)).containsExactly("traceparent", DeadLetterHeaders.REASON,
                DeadLetterHeaders.TOPIC, DeadLetterHeaders.PARTITION, DeadLetterHeaders.OFFSET,
                DeadLetterHeaders.EXCEPTION_CLASS);
        assertThat(header(parked, DeadLetterHeaders.REASON)).isEqualTo("no handler for this record");
        assertThat(header(parked, DeadLetterHeaders.TOPIC)).isEqualTo(topic);
        assertThat(header(parked, DeadLetterHeaders.PARTITION)).isEqualTo("2");
        assertThat(header(parked, DeadLetterHeaders.OFFSET)).isEqualTo("17");
        assertThat(header(parked, DeadLetterHeaders.EXCEPTION_CLASS)).isEqualTo(IllegalStateException.class.getName());
        assertThat(registry.counter("parley.dead.letters", "service", "edge-it", "topic", topic,
                "reason", "unprocessable").count()).isEqualTo(1);
    }

    @Test
    void a_record_kafka_cannot_take_whole_is_parked_as_a_stand_in_naming_where_it_is() {
        String bootstrap = SharedKafka.bootstrapServers();
        String topic = "stand-in-" + UUID.randomUUID();
        // A key of a type the publisher cannot give back byte-for-byte: no retry changes that.
        ConsumerRecord<Integer, byte[]> record = new ConsumerRecord<>(topic, 0, 5, 7, new byte[] {1});

        try (DeadLetterPublisher publisher = new DeadLetterPublisher("edge-it-service", bootstrap)) {
            RecordProcessor processor = new RecordProcessor(publisher, new ConsumerMetrics(new SimpleMeterRegistry()),
                    new ConsumerReadiness());
            assertThat(processor.process(record, unprocessable -> {
                throw new UnprocessableRecordException("no conversation in it", null);
            })).isEqualTo(Outcome.PARKED);
        }

        ConsumerRecord<byte[], byte[]> parked = readOne(bootstrap, Topics.deadLetter(topic, "edge-it"));
        assertThat(parked.key()).isNull();
        assertThat(parked.value()).isNull();
        assertThat(header(parked, DeadLetterHeaders.TOPIC)).isEqualTo(topic);
        assertThat(header(parked, DeadLetterHeaders.OFFSET)).isEqualTo("5");
        assertThat(header(parked, DeadLetterHeaders.REASON)).isEqualTo("no conversation in it");
        assertThat(headerNames(parked)).contains(DeadLetterHeaders.STAND_IN);
    }

    private static ConsumerRecord<byte[], byte[]> readOne(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(consumer.assignment());
            List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return !read.isEmpty();
            });
            assertThat(read).hasSize(1);
            return read.get(0);
        }
    }

    private static List<String> headerNames(ConsumerRecord<byte[], byte[]> record) {
        List<String> names = new ArrayList<>();
        for (Header header : record.headers()) {
            names.add(header.key());
        }
        return names;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
