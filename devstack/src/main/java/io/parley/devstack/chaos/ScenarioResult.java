package io.parley.devstack.chaos;

import io.parley.devstack.bench.EndToEndBenchmark;
import io.parley.devstack.simulate.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One scenario reconciled: what was sent and acknowledged, what is in {@code conversation-events}, what the ticket
 * projection shows, what reached the channels. {@link #line()} is the scenario's fixed line; {@link #failed()} says
 * whether anything was lost or duplicated, or a 200 was given without a durable write.
 *
 * @param recovery how long the customers who wrote once the fault began waited for their answer at the longest
 *                 (the peak scenario: the drain), empty without a fault
 * @param problems what failed, in words (empty when nothing did)
 * @param notes    what the scenario counted beside the line (faults injected, records parked), in words
 */
record ScenarioResult(String scenario, long sent, long acked, long inLog, long answered, long lost, long duplicated,
                      Optional<Duration> recovery, Optional<Duration> drain, List<String> problems,
                      List<String> notes) {

    /**
     * What a scenario reconciled itself, beside the simulator's customers: requests and answers of contacts of its own
     * (a burst's), what it found wrong (a fault it could not inject, a state hash that moved, a poison record not
     * parked) and notes.
     */
    record Extra(long sent, long acked, long answered, long lost, long duplicated, List<String> problems,
                 List<String> notes) {

        static final Extra NONE = new Extra(0, 0, 0, 0, 0, List.of(), List.of());

        /** These counts and notes, with {@code more} problems. */
        Extra withProblems(List<String> more) {
            List<String> all = new ArrayList<>(problems);
            all.addAll(more);
            return new Extra(sent, acked, answered, lost, duplicated, List.copyOf(all), notes);
        }
    }

    /**
     * @param faultAtMicros when the fault began (empty: no fault); only messages due since then count for recovery
     * @param projected     the run's customer messages the ticket projection holds
     * @param extra         what the scenario reconciled itself ({@link Extra})
     */
    static ScenarioResult reconcile(Scenario scenario, EndToEndBenchmark.Step step, Copies copies,
                                    LogAudit.Logged logged, Set<String> projected, OptionalLong faultAtMicros,
                                    Extra extra) {
        Simulation.Result result = step.result();
        var summary = result.summary();
        List<String> problems = new ArrayList<>(result.problems());
        problems.addAll(extra.problems());
        Set<String> forged = copies.forgedIds();
        Set<String> inLog = logged.eventIds().keySet().stream().filter(id -> !forged.contains(id))
                .collect(Collectors.toSet());
        if (summary.acknowledged() == 0) {
            problems.add("no customer message was acknowledged: the platform did not take the traffic");
        }
        List<String> unlogged = result.outcomes().stream().filter(Simulation.Outcome::acknowledged)
                .map(Simulation.Outcome::messageId).filter(id -> !inLog.contains(id)).toList();
        if (!unlogged.isEmpty()) {
            problems.add(unlogged.size() + " acknowledged but not in conversation-events (a 200 without a durable"
                    + " write), e.g. " + unlogged.get(0));
        }
        List<String> unprojected = inLog.stream().filter(id -> !projected.contains(id)).sorted().toList();
        if (!unprojected.isEmpty()) {
            problems.add(unprojected.size() + " in conversation-events but not in the ticket projection, e.g. "
                    + unprojected.get(0));
        }
        if (copies.forgedAccepted() > 0) {
            problems.add(copies.forgedAccepted() + " forged webhook(s) answered 2xx");
        }
        long forgedLogged = logged.eventIds().keySet().stream().filter(forged::contains).count();
        if (forgedLogged > 0) {
            problems.add(forgedLogged + " forged message(s) in conversation-events");
        }
        if (summary.lost() > 0) {
            problems.add(summary.lost() + " acknowledged message(s) never answered at the channel");
        }
        if (summary.duplicated() > 0) {
            problems.add(summary.duplicated() + " reply(ies) delivered twice at the channel");
        }
        if (logged.duplicated() > 0) {
            problems.add(logged.duplicated() + " message(s) logged under two event ids");
        }
        Optional<Duration> recovery = scenario == Scenario.PEAK ? step.drain()
                : faultAtMicros.isPresent() ? longestWait(result.outcomes(), faultAtMicros.getAsLong())
                : Optional.empty();
        return new ScenarioResult(scenario.wireName(), summary.sent() + copies.sent() + extra.sent(),
                summary.acknowledged() + copies.acknowledged() + extra.acked(), inLog.size(),
                summary.answered() + extra.answered(),
                summary.lost() + unlogged.size() + unprojected.size() + forgedLogged + extra.lost(),
                summary.duplicated() + logged.duplicated() + extra.duplicated(), recovery, step.drain(),
                List.copyOf(problems), extra.notes());
    }

    /** The longest a customer who wrote since the fault began waited for the answer (due to answered). */
    static Optional<Duration> longestWait(List<Simulation.Outcome> outcomes, long sinceMicros) {
        return outcomes.stream()
                .filter(outcome -> outcome.dueMicros() >= sinceMicros && outcome.answeredAtMicros() >= 0)
                .map(outcome -> Duration.ofNanos((outcome.answeredAtMicros() - outcome.dueMicros()) * 1_000))
                .max(Duration::compareTo);
    }

    boolean failed() {
        return !problems.isEmpty();
    }

    String line() {
        return String.format(Locale.ROOT, "scenario=%s sent=%d acked=%d in_log=%d answered=%d lost=%d duplicated=%d"
                        + " recovery_s=%s drain_s=%s", scenario, sent, acked, inLog, answered, lost, duplicated,
                seconds(recovery), drain.map(ScenarioResult::seconds).orElse("never"));
    }

    private static String seconds(Optional<Duration> duration) {
        return duration.map(ScenarioResult::seconds).orElse("-");
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }
}
