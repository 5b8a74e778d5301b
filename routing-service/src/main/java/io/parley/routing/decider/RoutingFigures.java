package io.parley.routing.decider;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** Counters for analytics, rebuilt with the rest of the state when the work topic is replayed. */
final class RoutingFigures {

    private long assigned;
    private long transferred;
    private final Histogram waitMillis = new Histogram(Duration.ofDays(30).toMillis(), 2);

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
