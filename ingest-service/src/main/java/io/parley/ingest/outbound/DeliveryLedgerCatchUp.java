package io.parley.ingest.outbound;

import io.parley.events.EventTypes;
import io.parley.events.conversation.ConversationEvent.MessageDelivery;
import io.parley.events.envelope.EventCodec;
import io.parley.events.envelope.MalformedEventException;
import io.parley.ingest.IngestChannels;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Before this instance reads a newly assigned partition, it reads that partition once to its end and notes every
 * delivery event in the {@link DeliveryLedger}. An outbound record redelivered after a crash or a rebalance comes
 * before its own delivery event in the log; without this look-ahead it would be sent a second time.
 */
@ApplicationScoped
@Identifier(IngestChannels.LEDGER_LISTENER)
public class DeliveryLedgerCatchUp implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(DeliveryLedgerCatchUp.class);
    private static final byte[] DELIVERY_TYPE =
            EventTypes.typeOf(new MessageDelivery("x", null, null, null)).getBytes(StandardCharsets.UTF_8);

    private final DeliveryLedger ledger;
    private final String bootstrapServers;

    public DeliveryLedgerCatchUp(DeliveryLedger ledger,
                                 @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.ledger = ledger;
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> reader =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions);
            int before = ledger.size();
            while (partitions.stream().anyMatch(p -> reader.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(500))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        observe(record.value());
                    }
                }
            }
            LOG.infof("delivery ledger caught up on %s: %d known deliveries (+%d)", partitions, ledger.size(),
                    ledger.size() - before);
        }
    }

    private void observe(byte[] value) {
        if (value == null || indexOf(value, DELIVERY_TYPE) < 0) {
            return;
        }
        try {
            EventCodec.decode(value).ifPresent(ledger::observe);
        } catch (MalformedEventException e) {
            // the main consumer parks it in the dead-letter topic when it gets there
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
