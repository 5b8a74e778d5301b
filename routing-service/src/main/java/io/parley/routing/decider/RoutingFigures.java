package io.parley.routing.decider;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** Counters for analytics, rebuilt with the rest of the state when the work topic is replayed. */
final class RoutingFigures {

    private static final long LONGEST_WAIT_MILLIS = Duration.ofDays(30).toMillis();

    private long assigned;
    private long transferred;
    private Histogram waitMillis = new Histogram(LONGEST_WAIT_MILLIS, 2);

    /** The counters as plain values, the wait histogram in HdrHistogram's encoding (base64): what a snapshot stores. */
    public record State(long assigned, long transferred, String waitMillis) {
    }

    State state() {
        ByteBuffer encoded = ByteBuffer.allocate(waitMillis.getNeededByteBufferCapacity());
        waitMillis.encodeIntoByteBuffer(encoded);
        return new State(assigned, transferred,
                Base64.getEncoder().encodeToString(Arrays.copyOf(encoded.array(), encoded.position())));
    }

    void restore(State state) {
        assigned = state.assigned();
        transferred = state.transferred();
        waitMillis = Histogram.decodeFromByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(state.waitMillis())),
                LONGEST_WAIT_MILLIS);
    }

    /** A conversation got its first agent since its handoff. */
    void assigned(Instant waitingSince, Instant at) {
        assigned++;
        waitMillis.recordValue(Math.min(waitMillis.getHighestTrackableValue(),
                Math.max(0, Duration.between(waitingSince, at).toMillis())));
    }

    void transferredAfterAssignment() {
        transferred++;
    }

    Figures snapshot(Map<String, Integer> queuedByTeam, Map<String, Instant> oldestWaitingByTeam, Instant now) {
        Map<String, Long> longestWaitSeconds = new TreeMap<>();
        oldestWaitingByTeam.forEach((team, since) ->
                longestWaitSeconds.put(team, Math.max(0, Duration.between(since, now).toSeconds())));
        return new Figures(
                assigned,
                transferred,
                assigned == 0 ? 1.0 : (double) (assigned - transferred) / assigned,
                queuedByTeam.values().stream().mapToInt(Integer::intValue).sum(),
                new TreeMap<>(queuedByTeam),
                longestWaitSeconds,
                waitMillis.getValueAtPercentile(50),
                waitMillis.getValueAtPercentile(90),
                waitMillis.getMaxValue());
    }
}
