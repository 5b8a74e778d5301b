package io.parley.bot.conversation;

import io.parley.bot.BotChannels;
import io.parley.events.envelope.EventCodec;
import io.parley.events.envelope.MalformedEventException;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
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
 * Before this instance reacts to a newly assigned partition, it folds that partition from the beginning up to where
 * the consumer group stands (without reacting): the conversation memory a restart or a rebalance would otherwise
 * lose, flows mid-way included. Records from there on are folded and reacted to by the consumer. Memory of a revoked
 * partition is kept: the fold ignores events it already applied, so getting the partition back just catches up.
 */
@ApplicationScoped
@Identifier(BotChannels.REPLAY_LISTENER)
public class ConversationReplay implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(ConversationReplay.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final ConversationStore store;
    private final String bootstrapServers;

    public ConversationReplay(ConversationStore store,
                              @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.store = store;
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            replay(partitions.stream().collect(Collectors.toMap(p -> p, consumer::position)));
        }
    }

    /** Forgets everything and folds the whole topic again to its current end: what a fresh process would do. */
    public void rebuildAll(String topic) {
        store.clear();
        try (KafkaConsumer<String, byte[]> reader = reader()) {
            List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            replay(reader.endOffsets(partitions));
        }
    }

    private void replay(Map<TopicPartition, Long> until) {
        int folded = 0;
        try (KafkaConsumer<String, byte[]> reader = reader()) {
            reader.assign(until.keySet());
            reader.seekToBeginning(until.keySet());
            while (until.entrySet().stream().anyMatch(e -> reader.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
                    if (record.offset() < until.get(new TopicPartition(record.topic(), record.partition()))) {
                        folded += fold(record.value());
                    }
                }
            }
        }
        LOG.infof("conversation memory rebuilt from %s: %d events folded, %d conversations", until, folded,
                store.size());
    }

    private int fold(byte[] value) {
        try {
            return EventCodec.decode(value).map(event -> {
                store.apply(event);
                return 1;
            }).orElse(0);
        } catch (MalformedEventException e) {
            return 0; // the consumer parks it in the dead-letter topic if it ever reads it
        }
    }

    private KafkaConsumer<String, byte[]> reader() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
