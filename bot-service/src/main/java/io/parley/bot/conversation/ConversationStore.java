package io.parley.bot.conversation;

import io.parley.events.Event;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The memory of every conversation of the partitions this instance reads, in process. Filled by replaying the log
 * when partitions are assigned ({@link ConversationReplay}) and kept current by the consumer, which also applies the
 * bot's own reactions as soon as Kafka has them (so the next message sees them even before they come back).
 */
@ApplicationScoped
public class ConversationStore {

    private final ConcurrentMap<String, ConversationMemory> conversations = new ConcurrentHashMap<>();

    /** Folds an event in; returns the memory after it. */
    public ConversationMemory apply(Event event) {
        return conversations.compute(event.subject(), (id, memory) ->
                (memory == null ? ConversationMemory.initial(id) : memory).evolve(event));
    }

    public ConversationMemory get(String conversationId) {
        return conversations.getOrDefault(conversationId, ConversationMemory.initial(conversationId));
    }

    /** Forgets everything, before a rebuild from the log. */
    public void clear() {
        conversations.clear();
    }

    public int size() {
        return conversations.size();
    }
}
