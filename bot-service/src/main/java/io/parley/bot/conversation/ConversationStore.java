package io.parley.bot.conversation;

import io.parley.bot.BotConfig;
import io.parley.events.Event;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

/**
 * The memory of the conversations of the partitions this instance reads, in process, bounded: a conversation nobody
 * touched for {@code parley.bot.memory-idle-after} (and, past {@code parley.bot.memory-max-conversations}, the least
 * recently touched) is evicted, its memory saved in {@link MemorySnapshots} first, and read back when the conversation
 * returns. Filled by replaying the log when partitions are assigned ({@link ConversationReplay}) and kept current by
 * the consumer, which also applies the bot's own reactions once Kafka has them (so the next message sees them).
 * It also remembers how far it has folded each partition, so a partition assigned again is caught up, not replayed
 * whole, and checkpoints it ({@link #checkpoint}), so a partition new to this process is folded from its checkpoint.
 */
@ApplicationScoped
public class ConversationStore {

    private static final Logger LOG = Logger.getLogger(ConversationStore.class);
    /** Evicted conversations are saved this many to a transaction. */
    private static final int SAVE_CHUNK = 1000;

    /** A conversation's memory; {@code saved} while it is what the snapshot table holds (read from it, unchanged). */
    private record Held(ConversationMemory memory, long touchedNanos, boolean saved) {
    }

    private final ConcurrentMap<String, Held> conversations = new ConcurrentHashMap<>();
    private final ConcurrentMap<TopicPartition, Long> foldedUntil = new ConcurrentHashMap<>();
    /** The partitions assigned to this instance now, and each topic's partition count, to checkpoint only those. */
    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<String, Integer> partitionCounts = new ConcurrentHashMap<>();
    private final MemorySnapshots snapshots;
    private final long idleNanos;
    private final int maxConversations;
    private final long sweepEveryNanos;
    private final long checkpointEveryNanos;
    private volatile long lastSweep = System.nanoTime();
    private volatile long lastCheckpoint = System.nanoTime();

    public ConversationStore(MemorySnapshots snapshots, BotConfig config) {
        this.snapshots = snapshots;
        this.idleNanos = config.memoryIdleAfter().toNanos();
        this.maxConversations = config.memoryMaxConversations();
        this.sweepEveryNanos = config.memorySweepEvery().toNanos();
        this.checkpointEveryNanos = config.memoryCheckpointEvery().toNanos();
    }

    /** Folds an event in, reading the conversation back first if it was evicted; returns the memory after it. */
    public ConversationMemory apply(Event event) {
        get(event.subject());
        return foldFromLog(event);
    }

    /**
     * Folds an event in without looking for a saved memory: for a replay of a partition from its beginning, which
     * brings each conversation's whole history anyway.
     */
    public ConversationMemory foldFromLog(Event event) {
        return conversations.compute(event.subject(), (id, held) -> new Held(
                (held == null ? ConversationMemory.initial(id) : held.memory()).evolve(event), System.nanoTime(),
                false)).memory();
    }

    /**
     * The memory of a conversation, read back if it was evicted; the initial memory if there is none. Either way it is
     * held from now on, so a conversation's first event costs one database read, the next ones none.
     */
    public ConversationMemory get(String conversationId) {
        Held held = conversations.get(conversationId);
        if (held != null) {
            return held.memory();
        }
        ConversationMemory memory = snapshots.load(conversationId)
                .orElseGet(() -> ConversationMemory.initial(conversationId));
        return conversations.computeIfAbsent(conversationId, id -> new Held(memory, System.nanoTime(), true)).memory();
    }

    /**
     * Whether the eviction sweep or the checkpoint is due: the consumer then waits for the polls in progress first, as
     * both need nothing in progress.
     */
    public boolean maintenanceDue() {
        return maintenanceDueFor(1);
    }

    /** Due for a whole interval more: the consumer then waits for the polls in progress however long they take. */
    public boolean maintenanceOverdue() {
        return maintenanceDueFor(2);
    }

    /** The sweep or the checkpoint has not run for {@code intervals} of its interval. */
    private boolean maintenanceDueFor(int intervals) {
        long now = System.nanoTime();
        return now - lastSweep >= intervals * sweepEveryNanos
                || now - lastCheckpoint >= intervals * checkpointEveryNanos;
    }

    /**
     * Evicts idle conversations, and the least recently touched beyond the bound, saving their memory first; at most
     * once per {@code parley.bot.memory-sweep-every}. Call with no poll in progress (see {@link #maintenanceDue}), when
     * memory holds only what is durable on the log. Returns how many were evicted.
     */
    public int evictIdle() {
        long now = System.nanoTime();
        if (now - lastSweep < sweepEveryNanos) {
            return 0;
        }
        lastSweep = now;
        List<Map.Entry<String, Held>> byAge = conversations.entrySet().stream()
                .sorted(Comparator.comparingLong(entry -> entry.getValue().touchedNanos())).toList();
        int beyondBound = Math.max(0, byAge.size() - maxConversations);
        Map<String, Held> leaving = new LinkedHashMap<>();
        for (int i = 0; i < byAge.size(); i++) {
            Map.Entry<String, Held> entry = byAge.get(i);
            if (i < beyondBound || now - entry.getValue().touchedNanos() >= idleNanos) {
                leaving.put(entry.getKey(), entry.getValue());
            }
        }
        try {
            save(leaving);
        } catch (RuntimeException e) {
            LOG.warnf("idle conversations stay in memory until the next sweep: %s", e.getMessage());
            return 0;
        }
        leaving.forEach(conversations::remove); // remove(key, value): not one touched since
        if (!leaving.isEmpty()) {
            LOG.debugf("evicted %d idle conversations; %d in memory", leaving.size(), conversations.size());
        }
        return leaving.size();
    }

    /** Saves the memory of those leaving that the snapshot table does not hold yet, a chunk to a transaction. */
    private void save(Map<String, Held> leaving) {
        Map<String, ConversationMemory> chunk = new LinkedHashMap<>();
        for (Map.Entry<String, Held> entry : leaving.entrySet()) {
            if (!entry.getValue().saved()) {
                chunk.put(entry.getKey(), entry.getValue().memory());
            }
            if (chunk.size() == SAVE_CHUNK) {
                snapshots.save(chunk);
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            snapshots.save(chunk);
        }
    }

    /**
     * Saves the memory of every conversation of the assigned partitions that changed since it was last saved, then
     * records how far each of those partitions is folded ({@link MemorySnapshots#checkpoint}); at most once per
     * {@code parley.bot.memory-checkpoint-every}. Call with no poll in progress, when memory holds only what is durable
     * on the log and every record before each partition's folded offset is folded. Only assigned partitions: the
     * memory of a partition taken away stops at the rebalance, and saving it could overwrite what its new reader saved
     * since. Returns how many conversations were saved.
     */
    public int checkpoint() {
        long now = System.nanoTime();
        if (now - lastCheckpoint < checkpointEveryNanos) {
            return 0;
        }
        lastCheckpoint = now;
        Map<TopicPartition, Long> covered = new HashMap<>();
        assigned.forEach(partition -> foldedUntil(partition).ifPresent(offset -> covered.put(partition, offset)));
        if (covered.isEmpty()) {
            return 0;
        }
        Map<String, Held> changed = new LinkedHashMap<>();
        conversations.forEach((id, held) -> {
            if (!held.saved() && partitionCounts.entrySet().stream().anyMatch(topic -> covered.containsKey(
                    new TopicPartition(topic.getKey(), partitionOf(id, topic.getValue()))))) {
                changed.put(id, held);
            }
        });
        try {
            save(changed);
            snapshots.checkpoint(covered);
        } catch (RuntimeException e) {
            LOG.warnf("the memory checkpoint waits for the next poll: %s", e.getMessage());
            return 0;
        }
        // replace(key, old, new): one touched since keeps its unsaved change
        changed.forEach((id, held) -> conversations.replace(id, held,
                new Held(held.memory(), held.touchedNanos(), true)));
        if (!changed.isEmpty()) {
            LOG.infof("memory checkpoint: %d conversations saved; folded until %s", changed.size(), covered);
        }
        return changed.size();
    }

    /** The partition Kafka's partitioner gives a record keyed by the conversation id (every Parley producer's key). */
    static int partitionOf(String conversationId, int partitions) {
        return Utils.toPositive(Utils.murmur2(conversationId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** These partitions are now this instance's, of a topic with {@code partitionCount} partitions. */
    public void assigned(Collection<TopicPartition> partitions, int partitionCount) {
        partitions.forEach(partition -> partitionCounts.put(partition.topic(), partitionCount));
        assigned.addAll(partitions);
    }

    /** These partitions are no longer this instance's (their memory stays, not checkpointed any more). */
    public void revoked(Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
    }

    /** Records that every record of {@code partition} before {@code offset} has been folded in. */
    public void foldedUntil(TopicPartition partition, long offset) {
        foldedUntil.merge(partition, offset, Math::max);
    }

    /** The offset of the first record of {@code partition} not yet folded in; empty when none was. */
    public Optional<Long> foldedUntil(TopicPartition partition) {
        return Optional.ofNullable(foldedUntil.get(partition));
    }

    /** Forgets everything, before a rebuild from the log. */
    public void clear() {
        conversations.clear();
        foldedUntil.clear();
    }

    /** Conversations in memory now. */
    public int size() {
        return conversations.size();
    }
}
