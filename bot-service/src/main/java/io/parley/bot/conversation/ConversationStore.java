package io.parley.bot.conversation;

import io.parley.events.Event;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The memory of every conversation of the partitions this instance reads, in process. Filled by replaying the log
 * when partitions are assigned ({@link ConversationReplay}) and kept current by the consumer, which also applies the
 * bot's own reactions as soon as Kafka has them (so the next message sees them even before they come back). It also
 * remembers how far it has folded each partition, so a partition assigned again is caught up, not replayed whole.
 */
@ApplicationScoped
public class ConversationStore {

    private final ConcurrentMap<String, ConversationMemory> conversations = new ConcurrentHashMap<>();
    private final ConcurrentMap<TopicPartition, Long> foldedUntil = new ConcurrentHashMap<>();

    /** Folds an event in; returns the memory after it. */
    public ConversationMemory apply(Event event) {
        return conversations.compute(event.subject(), (id, memory) ->
                (memory == null ? ConversationMemory.initial(id) : memory).evolve(event));
    }

    public ConversationMemory get(String conversationId) {
        return conversations.getOrDefault(conversationId, ConversationMemory.initial(conversationId));
    }

    /** The memory of a conversation, if this instance has any. */
    Optional<ConversationMemory> find(String conversationId) {
        return Optional.ofNullable(conversations.get(conversationId));
    }

    /** Puts a conversation's memory back as {@link #find} returned it, undoing what was folded in since. */
    void restore(String conversationId, Optional<ConversationMemory> memory) {
        memory.ifPresentOrElse(m -> conversations.put(conversationId, m), () -> conversations.remove(conversationId));
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

    public int size() {
        return conversations.size();
    }
}
