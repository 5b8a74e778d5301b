package io.parley.bot.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parley.events.envelope.EventCodec;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where an idle conversation's memory goes when the bot evicts it, and comes back from when the conversation returns
 * (PostgreSQL, table {@code conversation_snapshot}). Blocking: call from a worker thread. A failure is the database
 * being away; the consumer's failure policy retries it.
 */
@ApplicationScoped
public class MemorySnapshots {

    /** Saves these conversations' memory in one transaction, replacing what was saved of them before. */
    public void save(Map<String, ConversationMemory> memories) {
        Instant now = Instant.now();
        await(() -> Panache.withTransaction(() -> {
            // One after another: a reactive session runs one operation at a time.
            Uni<Void> saved = Uni.createFrom().voidItem();
            for (Map.Entry<String, ConversationMemory> entry : memories.entrySet()) {
                ConversationSnapshot snapshot = new ConversationSnapshot();
                snapshot.conversationId = entry.getKey();
                snapshot.memory = write(entry.getValue());
                snapshot.savedAt = now;
                saved = saved.chain(() -> Panache.getSession()).chain(session -> session.merge(snapshot)).replaceWithVoid();
            }
            return saved;
        }), "save the memory of " + memories.size() + " conversations");
    }

    /** The memory saved when the conversation was evicted; empty if it never was. */
    public Optional<ConversationMemory> load(String conversationId) {
        ConversationSnapshot snapshot = await(() -> Panache.withSession(() ->
                ConversationSnapshot.<ConversationSnapshot>findById(conversationId)), "read conversation " + conversationId);
        return Optional.ofNullable(snapshot).map(found -> read(found.memory));
    }

    /**
     * Runs the work on a Vert.x context of its own and waits. The Uni is built inside that context: Panache looks the
     * context up when {@code withSession} is called, not when the Uni is subscribed, and the consumer's threads have none.
     */
    private static <T> T await(Supplier<Uni<T>> work, String what) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot " + what + " (conversation_snapshot): " + e.getMessage(), e);
        }
    }

    private static String write(ConversationMemory memory) {
        try {
            return EventCodec.mapper().writeValueAsString(memory);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a conversation's memory as JSON: " + e.getMessage(), e);
        }
    }

    private static ConversationMemory read(String json) {
        try {
            return EventCodec.mapper().readValue(json, ConversationMemory.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a saved conversation memory: " + e.getMessage(), e);
        }
    }
}
