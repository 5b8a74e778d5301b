package io.parley.bot.conversation;

import io.parley.bot.BotChannels;
import io.parley.events.kafka.LogReplay;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Before this instance reacts to a newly assigned partition, it folds that partition from its checkpoint (or, when it
 * has none, from the beginning) up to where the consumer group stands (without reacting): the conversation memory a
 * restart or a rebalance would otherwise lose, flows mid-way included. Records from there on are folded and reacted
 * to by the consumer. Memory of a revoked partition is kept, with how far it reached: getting the partition back folds
 * only the records after that (the fold ignores events it already applied, should the group's position be behind
 * it).
 */
@ApplicationScoped
@Identifier(BotChannels.REPLAY_LISTENER)
public class ConversationReplay implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(ConversationReplay.class);

    private final ConversationStore store;
    private final MemorySnapshots snapshots;
    private final LogReplay log;

    public ConversationReplay(ConversationStore store, MemorySnapshots snapshots,
                              @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.store = store;
        this.snapshots = snapshots;
        this.log = new LogReplay(bootstrapServers);
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            catchUp(partitions.stream().collect(Collectors.toMap(p -> p, consumer::position)));
            // Only now: a checkpoint taken meanwhile (on the consumer's thread) would save this instance's memory of
            // a returning partition before it is caught up, over what the partition's previous reader saved since.
            partitions.stream().map(TopicPartition::topic).distinct().forEach(topic -> store.assigned(
                    partitions.stream().filter(p -> p.topic().equals(topic)).toList(),
                    consumer.partitionsFor(topic).size()));
        }
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        store.revoked(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        store.revoked(partitions);
    }

    /**
     * Folds each partition up to the group's position, from where this instance's memory of it ends, or else from its
     * checkpoint (the saved memory, read back conversation by conversation as their events come), or else from its
     * beginning. Returns the events folded.
     */
    long catchUp(Map<TopicPartition, Long> positions) {
        Map<TopicPartition, Long> from = new HashMap<>();
        positions.keySet().forEach(partition -> store.foldedUntil(partition)
                .ifPresent(offset -> from.put(partition, offset)));
        Map<TopicPartition, Long> fresh = new HashMap<>(positions);
        fresh.keySet().removeAll(from.keySet());
        Map<TopicPartition, Long> checkpoints = fresh.isEmpty() ? Map.of() : snapshots.checkpoints(fresh.keySet());
        from.putAll(checkpoints);
        fresh.keySet().removeAll(checkpoints.keySet());
        Map<TopicPartition, Long> caughtUp = new HashMap<>(positions);
        caughtUp.keySet().retainAll(from.keySet());
        // From the beginning every conversation's whole history comes by; catching up, an evicted one is read back.
        long folded = log.until(fresh, value -> true, store::foldFromLog).events()
                + log.between(from, caughtUp, value -> true, store::apply).events();
        positions.forEach(store::foldedUntil);
        // The saved memory may reach past the group's position (a group reset): what it covers counts as folded.
        checkpoints.forEach(store::foldedUntil);
        LOG.infof("conversation memory caught up on %s: %d events folded (%d partitions from a checkpoint),"
                + " %d conversations", positions.keySet(), folded, checkpoints.size(), store.size());
        return folded;
    }

    /** Forgets everything and folds the whole topic again to its current end: what a fresh process would do. */
    public void rebuildAll(String topic) {
        store.clear();
        long folded = log.toEnd(topic, value -> true, store::foldFromLog).events();
        LOG.infof("conversation memory rebuilt from all of %s: %d events folded, %d conversations", topic, folded,
                store.size());
    }
}
