package io.parley.edge.consumer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One poll's batch, ordered per key and parallel across keys: records are grouped by key (the conversation id is the
 * partition key), each key's records run in their batch order on one task, different keys run concurrently on the
 * given bounded executor, and {@link #process} returns once every record is done.
 */
public final class KeyedBatch {

    private KeyedBatch() {
    }

    /**
     * Runs {@code work} on every record, each key's records in order, keys concurrently on {@code executor}.
     * {@code work} should not throw (run it under {@link RecordProcessor}); if it does, the first such exception is
     * rethrown once all keys are done.
     */
    public static <R, K> void process(Iterable<R> records, Function<R, K> keyOf, Executor executor,
                                      Consumer<R> work) throws InterruptedException {
        Map<K, List<R>> byKey = new LinkedHashMap<>();
        records.forEach(record -> byKey.computeIfAbsent(keyOf.apply(record), key -> new ArrayList<>()).add(record));
        if (byKey.size() <= 1) {
            byKey.values().forEach(keyRecords -> keyRecords.forEach(work));
            return;
        }
        CompletableFuture<?>[] keys = byKey.values().stream()
                .map(keyRecords -> CompletableFuture.runAsync(() -> keyRecords.forEach(work), executor))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(keys).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /** A bounded pool of {@code threads} daemon threads named {@code name-<n>}, for {@link #process}. */
    public static ExecutorService executor(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
