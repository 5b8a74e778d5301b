package io.parley.bot.conversation;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ObjLongConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The polls the consumer has handed over and not yet seen done, in the order it handed them over. Polls finish out of
 * order (each conversation's lane runs at its own pace), but "folded until" means every record before that offset is
 * folded: so a poll's offsets are reported to {@code folded} only once it and every poll handed over before it are
 * done. {@link #awaitAll} lets the consumer wait for all of them, before work that needs nothing in progress (the
 * memory checkpoint, the eviction sweep). Thread-safe: polls are started on the consumer thread and finish on the
 * lanes.
 */
final class PollsInFlight {

    /** One poll: for each partition it read, the offset after its last record there. */
    static final class Poll {
        private final Map<TopicPartition, Long> until;
        private boolean done;

        private Poll(Map<TopicPartition, Long> until) {
            this.until = Map.copyOf(until);
        }
    }

    private final ObjLongConsumer<TopicPartition> folded;
    private final Deque<Poll> inOrder = new ArrayDeque<>();
    private boolean closed;

    /** {@code folded} is told each partition's offset before which every record is done (never a smaller one). */
    PollsInFlight(ObjLongConsumer<TopicPartition> folded) {
        this.folded = folded;
    }

    /** A poll about to be handed over, reaching {@code until} (the offset after its last record, per partition). */
    synchronized Poll started(Map<TopicPartition, Long> until) {
        Poll poll = new Poll(until);
        inOrder.addLast(poll);
        return poll;
    }

    /** The poll's records are all done (or parked): reports the offsets of the polls now done without a gap before. */
    synchronized void done(Poll poll) {
        poll.done = true;
        while (!inOrder.isEmpty() && inOrder.peekFirst().done) {
            inOrder.removeFirst().until.forEach(folded::accept);
        }
        notifyAll();
    }

    /** What {@link #awaitAll} found. */
    enum Settled {
        /** Every poll started is done and its offsets reported. */
        ALL_DONE,
        /** Some poll was still in progress when the patience ran out. */
        IN_PROGRESS,
        /** {@link #close}d first (shutdown: what is in progress is never done). */
        CLOSED
    }

    /** A patience that never runs out (292 years). */
    static final Duration UNTIL_DONE = Duration.ofNanos(Long.MAX_VALUE);

    /** Waits, for at most {@code patience}, until every poll started so far is done and its offsets reported. */
    synchronized Settled awaitAll(Duration patience) throws InterruptedException {
        long left = patience.toNanos();
        while (!inOrder.isEmpty() && !closed) {
            if (left <= 0) {
                return Settled.IN_PROGRESS;
            }
            long start = System.nanoTime();
            TimeUnit.NANOSECONDS.timedWait(this, left);
            left -= System.nanoTime() - start;
        }
        return inOrder.isEmpty() ? Settled.ALL_DONE : Settled.CLOSED;
    }

    /** Shutdown: whoever waits in {@link #awaitAll} is let go. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
