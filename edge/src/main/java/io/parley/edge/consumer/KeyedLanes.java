package io.parley.edge.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Keyed work that does not wait for the poll before it: every key (the conversation id, which is the partition key)
 * is pinned to one of a fixed number of lanes, each a single thread, and its records run there in the order they were
 * handed over, poll after poll; different lanes run at once. {@link #submit} hands a poll over and returns at once; the
 * poll's future completes when all its records are done.
 *
 * <p>Why not {@link KeyedBatch}: a batch returns only once its slowest key is done, and the next poll waits for it.
 * Below saturation a poll holds one or two records, so the batch barrier turned the pool into one record at a time and
 * each record waited for the whole round trip (Kafka appends, an HTTP call) of the records polled before it, whatever
 * their conversation (docs/performance.md, "Reply latency below saturation").
 *
 * <p>At-least-once stays as it was as long as the consumer acknowledges a poll only when its future completes, under
 * SmallRye's {@code throttled} commit strategy: that commits an offset only once every earlier offset of its partition
 * is acknowledged, so polls completing out of order commit nothing early. At most {@code maxInFlight} records are
 * handed over and not yet done (a poll larger than that goes through alone); {@link #submit} blocks beyond it, the
 * consumer takes no more polls meanwhile and SmallRye pauses the partitions.
 */
public final class KeyedLanes implements AutoCloseable {

    private final List<ExecutorService> lanes = new ArrayList<>();
    private final Semaphore inFlight;
    private final int maxInFlight;

    /** {@code lanes} single-thread lanes named {@code name-<n>}, at most {@code maxInFlight} records in progress. */
    public KeyedLanes(String name, int lanes, int maxInFlight) {
        if (lanes < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("lanes and maxInFlight must be at least 1");
        }
        for (int i = 0; i < lanes; i++) {
            this.lanes.add(KeyedBatch.executor(name + "-" + (i + 1), 1));
        }
        this.inFlight = new Semaphore(maxInFlight, true);
        this.maxInFlight = maxInFlight;
    }

    /**
     * Hands {@code records} over: each to its key's lane, after what that lane was given before. {@code work} should
     * not throw (run it under {@link RecordProcessor}); if it does, that lane's later records of this poll are skipped
     * and the future completes exceptionally once the other lanes are done. Once the lanes are closed (shutdown) a lane
     * stops before its next record and the future never completes, so nothing is acknowledged that was not done.
     */
    public <R, K> CompletableFuture<Void> submit(List<R> records, Function<R, K> keyOf, Consumer<R> work)
            throws InterruptedException {
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<List<R>> byLane = new ArrayList<>();
        lanes.forEach(lane -> byLane.add(new ArrayList<>()));
        records.forEach(record -> byLane.get(laneOf(keyOf.apply(record))).add(record));

        int permits = Math.min(records.size(), maxInFlight);
        inFlight.acquire(permits);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        try {
            for (int lane = 0; lane < lanes.size(); lane++) {
                List<R> laneRecords = byLane.get(lane);
                if (!laneRecords.isEmpty()) {
                    CompletableFuture<Void> laneDone = new CompletableFuture<>();
                    lanes.get(lane).execute(() -> runUntilInterrupted(laneRecords, work, laneDone));
                    done.add(laneDone);
                }
            }
        } catch (RejectedExecutionException closed) {
            inFlight.release(permits);
            return new CompletableFuture<>();
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
        all.whenComplete((ignored, failure) -> inFlight.release(permits));
        return all;
    }

    /**
     * Runs a lane's share of a poll, stopping at the first sign of {@link #close}: a lane holds every conversation of
     * the poll hashed to it, so going on after an interrupted record would start other conversations' records on a
     * closing consumer (an outbound send journalled as attempted and then never made, say). Stopped, the share is left
     * not done, so the poll is never acknowledged and its records are read again after the restart.
     */
    private static <R> void runUntilInterrupted(List<R> records, Consumer<R> work, CompletableFuture<Void> done) {
        try {
            for (R record : records) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                work.accept(record);
            }
            if (!Thread.currentThread().isInterrupted()) {
                done.complete(null);
            }
        } catch (Throwable failure) {
            done.completeExceptionally(failure);
        }
    }

    private int laneOf(Object key) {
        return Math.floorMod(Objects.hashCode(key), lanes.size());
    }

    /** Stops the lanes, interrupting the records in progress; what was handed over and not done never completes. */
    @Override
    public void close() {
        lanes.forEach(ExecutorService::shutdownNow);
    }
}
