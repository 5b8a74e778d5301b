package io.parley.bot.tenant;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * Runs at most one computation per key at a time: a caller that finds one under way waits for its result instead of
 * starting its own. Training a tenant's bot takes tens of seconds of both cores; after a restart under load, every
 * conversation thread that found no bot yet used to train its own copy at once, so the first answers came minutes
 * late. A failure reaches every waiter and is not remembered: the next call computes again.
 */
final class SingleFlight<K, V> {

    private final ConcurrentMap<K, CompletableFuture<V>> underWay = new ConcurrentHashMap<>();

    V run(K key, Function<K, V> computation) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> other = underWay.putIfAbsent(key, mine);
        if (other != null) {
            return awaitOther(other);
        }
        try {
            V value = computation.apply(key);
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            underWay.remove(key, mine);
        }
    }

    private static <V> V awaitOther(CompletableFuture<V> other) {
        try {
            return other.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
