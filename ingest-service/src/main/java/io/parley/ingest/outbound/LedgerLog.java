package io.parley.ingest.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.events.Topics;
import io.parley.ingest.kafka.DurableLog;
import io.parley.ingest.normalize.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * The {@link DeliveryLedger}'s journal on Kafka: {@code ingest-outbound-ledger}, keyed by conversation id, one small
 * JSON record per attempt and settlement, written acks=all and awaited. Read back incrementally: the first catch-up
 * starts at the dedupe horizon (by timestamp), each later one where the previous stopped, so a rebalance costs only
 * what other instances journalled meanwhile, never the conversation log's history.
 */
public final class LedgerLog implements DeliveryLedger.Journal {

    private static final Logger LOG = Logger.getLogger(LedgerLog.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(200);

    private final DurableLog log;
    private final String bootstrapServers;
    private final Map<TopicPartition, Long> readUpTo = new HashMap<>();

    public LedgerLog(DurableLog log, String bootstrapServers) {
        this.log = log;
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public void append(DeliveryLedger.Entry entry) {
        log.appendRecord(Topics.OUTBOUND_LEDGER, entry.key().conversation(), encode(entry), Map.of());
    }

    /** Applies to {@code ledger} every entry journalled since the last catch-up; returns how many. */
    public synchronized int catchUp(DeliveryLedger ledger, Instant now) {
        int applied = 0;
        try (KafkaConsumer<String, byte[]> reader = reader()) {
            List<TopicPartition> partitions = reader.partitionsFor(Topics.OUTBOUND_LEDGER).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            Map<TopicPartition, Long> ends = reader.endOffsets(partitions);
            Map<TopicPartition, Long> starts = new HashMap<>();
            long horizonStart = now.minus(ledger.horizon()).toEpochMilli();
            Map<TopicPartition, Long> fresh = new HashMap<>();
            for (TopicPartition partition : partitions) {
                if (readUpTo.containsKey(partition)) {
                    starts.put(partition, readUpTo.get(partition));
                } else {
                    fresh.put(partition, horizonStart);
                }
            }
            reader.offsetsForTimes(fresh).forEach((partition, found) ->
                    starts.put(partition, found == null ? ends.get(partition) : found.offset()));
            reader.assign(partitions);
            starts.forEach(reader::seek);
            while (partitions.stream().anyMatch(partition -> reader.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
                    Optional<DeliveryLedger.Entry> entry = decode(record.value());
                    if (entry.isPresent()) {
                        ledger.apply(entry.get());
                        applied++;
                    } else {
                        LOG.warnf("ledger record %s-%d@%d is not a ledger entry; skipped", record.topic(),
                                record.partition(), record.offset());
                    }
                }
            }
            partitions.forEach(partition -> readUpTo.put(partition, reader.position(partition)));
        }
        return applied;
    }

    static byte[] encode(DeliveryLedger.Entry entry) {
        ObjectNode json = MAPPER.createObjectNode()
                .put("tenant", entry.key().tenant())
                .put("conversation", entry.key().conversation())
                .put("messageId", entry.key().messageId())
                .put("state", entry.state().name().toLowerCase(Locale.ROOT))
                .put("at", entry.at().toString());
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    static Optional<DeliveryLedger.Entry> decode(byte[] value) {
        try {
            JsonNode json = MAPPER.readTree(value);
            OutboundKey key = new OutboundKey(Json.text(json, "tenant"), Json.text(json, "conversation"),
                    Json.text(json, "messageId"));
            return Optional.of(new DeliveryLedger.Entry(key,
                    DeliveryLedger.State.valueOf(Json.text(json, "state").toUpperCase(Locale.ROOT)),
                    Instant.parse(Json.text(json, "at"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private KafkaConsumer<String, byte[]> reader() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
