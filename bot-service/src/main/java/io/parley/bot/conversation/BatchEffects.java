package io.parley.bot.conversation;

import io.parley.events.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.function.ObjLongConsumer;

/**
 * What a pass over some records did, per record key (conversation id): each touched conversation's memory as it was
 * before, and the reactions sent to the log, not yet acknowledged. Memory takes reactions as soon as they are sent, so
 * the conversation's next message sees them; if Kafka then refuses any of them, {@link #restore} puts the
 * conversation's memory back, so the records can be processed again as new (same reaction ids: readers deduplicate).
 * A key's entries are only touched by the one task that processes that key.
 */
final class BatchEffects {

    /** Reactions to one customer message, and when reading it began. */
    record Reacted(List<Event> reactions, long startNanos, List<CompletableFuture<Void>> acks) {
    }

    private static final class KeyEffects {
        final Map<String, ConversationMemory> before = new HashMap<>();
        final List<Reacted> reacted = new ArrayList<>();
    }

    private final ConcurrentMap<String, KeyEffects> byKey = new ConcurrentHashMap<>();

    /** Remembers a conversation's memory before this pass first changes it. */
    void touching(String key, String conversationId, ConversationStore store) {
        of(key).before.computeIfAbsent(conversationId, store::get);
    }

    void reacted(String key, Reacted reacted) {
        of(key).reacted.add(reacted);
    }

    /**
     * Waits for every reaction sent; hands each message's reactions, once all are on the log, to {@code durable}.
     * Returns the keys some of whose reactions Kafka refused, each with why.
     */
    Map<String, Throwable> awaitAcks(ObjLongConsumer<List<Event>> durable)
            throws InterruptedException {
        Map<String, Throwable> failed = new LinkedHashMap<>();
        for (Map.Entry<String, KeyEffects> key : byKey.entrySet()) {
            for (Reacted reacted : key.getValue().reacted) {
                if (failed.containsKey(key.getKey())) {
                    break;
                }
                try {
                    CompletableFuture.allOf(reacted.acks().toArray(CompletableFuture[]::new)).get();
                    durable.accept(reacted.reactions(), System.nanoTime() - reacted.startNanos());
                } catch (ExecutionException e) {
                    failed.putIfAbsent(key.getKey(), e.getCause());
                }
            }
        }
        return failed;
    }

    /** Puts back the memory of the conversations of {@code key} as it was before this pass. */
    void restore(String key, ConversationStore store) {
        KeyEffects effects = byKey.get(keyOf(key));
        if (effects != null) {
            effects.before.forEach(store::restore);
        }
    }

    private KeyEffects of(String key) {
        return byKey.computeIfAbsent(keyOf(key), any -> new KeyEffects());
    }

    /** Records without a key (none in the log, but Kafka allows them) are one group. */
    static String keyOf(String key) {
        return Objects.toString(key, "");
    }
}
