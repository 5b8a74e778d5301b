package io.parley.bot.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

    private final SingleFlight<String, String> flight = new SingleFlight<>();
    private final List<Thread> callerThreads = new CopyOnWriteArrayList<>();
    private final ExecutorService callers = Executors.newFixedThreadPool(6, task -> {
        Thread thread = new Thread(task);
        callerThreads.add(thread);
        return thread;
    });

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void callersArrivingWhileAComputationRunsShareItsResult() throws Exception {
        AtomicInteger computations = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = callers.submit(() -> flight.run("demo", tenant -> {
            started.countDown();
            awaitRelease(release);
            return tenant + "#" + computations.incrementAndGet();
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<String>> waiting = IntStream.range(0, 5).mapToObj(i -> callers.submit(
                () -> flight.run("demo", tenant -> tenant + "#" + computations.incrementAndGet()))).toList();
        untilParked(6);

        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("demo#1");
        for (Future<String> waiter : waiting) {
            assertThat(waiter.get(10, TimeUnit.SECONDS)).isEqualTo("demo#1");
        }
        assertThat(computations).hasValue(1);
    }

    @Test
    void aFailureReachesTheWaitersAndTheNextCallComputesAgain() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = callers.submit(() -> flight.run("demo", tenant -> {
            started.countDown();
            awaitRelease(release);
            throw new IllegalStateException("documents unreadable");
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        Future<String> waiter = callers.submit(() -> flight.run("demo", tenant -> "never computed"));
        untilParked(2);
        release.countDown();

        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("documents unreadable");
        assertThatThrownBy(() -> waiter.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("documents unreadable");
        assertThat(flight.run("demo", tenant -> "rebuilt")).isEqualTo("rebuilt");
    }

    @Test
    void differentKeysDoNotWaitForEachOther() {
        assertThat(flight.run("a", tenant -> flight.run("b", other -> tenant + other))).isEqualTo("ab");
    }

    /** Released only once every caller is parked: the first on its latch, the others on its result. */
    private void untilParked(int callerCount) {
        await().atMost(Duration.ofSeconds(10)).until(() -> callerThreads.size() == callerCount
                && callerThreads.stream().allMatch(thread -> thread.getState() == Thread.State.WAITING
                        || thread.getState() == Thread.State.TIMED_WAITING));
    }

    private static void awaitRelease(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
