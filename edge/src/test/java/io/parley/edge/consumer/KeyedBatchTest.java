package io.parley.edge.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeyedBatchTest {

    record Item(String key, int sequence) {
    }

    @Test
    void each_key_keeps_its_order_and_different_keys_run_at_the_same_time() throws Exception {
        List<Item> batch = List.of(new Item("a", 1), new Item("b", 1), new Item("a", 2), new Item("b", 2),
                new Item("a", 3));
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch bothKeysStarted = new CountDownLatch(2);
        ExecutorService executor = KeyedBatch.executor("keyed-test", 2);
        try {
            KeyedBatch.process(batch, Item::key, executor, item -> {
                if (item.sequence() == 1) {
                    bothKeysStarted.countDown();
                    awaitQuietly(bothKeysStarted);
                }
                threads.add(Thread.currentThread().getName());
                seen.computeIfAbsent(item.key(), key -> new CopyOnWriteArrayList<>()).add(item.sequence());
            });
        } finally {
            executor.shutdownNow();
        }

        assertThat(bothKeysStarted.getCount()).as("the two keys were in progress at once").isZero();
        assertThat(seen).containsOnly(Map.entry("a", List.of(1, 2, 3)), Map.entry("b", List.of(1, 2)));
        assertThat(threads).hasSize(2).allMatch(name -> name.startsWith("keyed-test-"));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
