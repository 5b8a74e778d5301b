package io.parley.edge.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class KeyedLanesTest {

    record Item(String key, int sequence) {
    }

    /** "a" and "b" hash to different lanes of two ("a" is 97, "b" is 98). */
    private static final String SLOW = "a";
    private static final String OTHER = "b";

    @Test
    void a_later_poll_of_another_key_does_not_wait_for_an_earlier_poll_and_each_key_keeps_its_order()
            throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        try (KeyedLanes lanes = new KeyedLanes("lanes-test", 2, 100)) {
            CompletableFuture<Void> first = lanes.submit(List.of(new Item(SLOW, 1)), Item::key, item -> {
                awaitQuietly(release);
                record(seen, item);
            });
            CompletableFuture<Void> second = lanes.submit(List.of(new Item(OTHER, 1), new Item(SLOW, 2)), Item::key,
                    item -> record(seen, item));
            CompletableFuture<Void> third = lanes.submit(List.of(new Item(OTHER, 2)), Item::key,
                    item -> record(seen, item));

            await().atMost(Duration.ofSeconds(10)).until(third::isDone);
            assertThat(seen.get(OTHER)).as("the other key's later polls are done while the first waits")
                    .containsExactly(1, 2);
            assertThat(first).isNotDone();
            assertThat(second).as("a poll is done only when all its records are").isNotDone();

            release.countDown();
            CompletableFuture.allOf(first, second, third).get(10, TimeUnit.SECONDS);
        }
        assertThat(seen).containsOnly(Map.entry(SLOW, List.of(1, 2)), Map.entry(OTHER, List.of(1, 2)));
    }

    @Test
    void handing_over_blocks_while_the_bound_of_records_in_progress_is_reached() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (KeyedLanes lanes = new KeyedLanes("lanes-test", 2, 1)) {
            CompletableFuture<Void> first = lanes.submit(List.of(new Item(SLOW, 1)), Item::key,
                    item -> awaitQuietly(release));
            AtomicReference<CompletableFuture<Void>> second = new AtomicReference<>();
            Thread handing = new Thread(() -> {
                try {
                    second.set(lanes.submit(List.of(new Item(OTHER, 1)), Item::key, item -> { }));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            handing.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> handing.getState() == Thread.State.WAITING);
            assertThat(second.get()).as("not handed over while one record is in progress").isNull();

            release.countDown();
            first.get(10, TimeUnit.SECONDS);
            handing.join(10_000);
            assertThat(second.get()).isNotNull();
            second.get().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_poll_handed_over_after_close_never_completes() throws Exception {
        KeyedLanes lanes = new KeyedLanes("lanes-test", 2, 10);
        lanes.close();

        assertThat(lanes.submit(List.of(new Item(SLOW, 1)), Item::key, item -> { })).isNotDone();
    }

    @Test
    void closing_stops_a_lane_before_its_next_record_and_the_poll_never_completes() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Thread> lane = new AtomicReference<>();
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        KeyedLanes lanes = new KeyedLanes("lanes-test", 1, 10);
        CompletableFuture<Void> poll = lanes.submit(List.of(new Item(SLOW, 1), new Item(OTHER, 1)), Item::key,
                item -> {
                    if (item.key().equals(SLOW)) {
                        lane.set(Thread.currentThread());
                        started.countDown();
                        awaitQuietly(new CountDownLatch(1));
                    }
                    record(seen, item);
                });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        lanes.close();
        lane.get().join(10_000);

        assertThat(lane.get().isAlive()).isFalse();
        assertThat(seen).as("the other key's record, next on the same lane, never started").containsOnlyKeys(SLOW);
        assertThat(poll).isNotDone();
    }

    private static void record(Map<String, List<Integer>> seen, Item item) {
        seen.computeIfAbsent(item.key(), key -> new CopyOnWriteArrayList<>()).add(item.sequence());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
