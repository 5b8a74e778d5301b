package io.parley.devstack.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.devstack.bench.EndToEndBenchmark;
import io.parley.devstack.simulate.Simulation;
import io.parley.devstack.simulate.Summary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reconciliation: the log and the projection hold every acknowledged message, or the scenario fails. */
class ScenarioResultTest {

    private static final Summary.Latency NONE = new Summary.Latency(0, 0, 0, 0, 0);

    @Test
    void every_acknowledged_message_logged_projected_and_answered_passes_with_the_fixed_line() {
        ScenarioResult result = ScenarioResult.reconcile(Scenario.KILL_INSTANCE, step(
                outcome("m1", 1_000_000, 1_400_000), outcome("m2", 2_000_000, 5_000_000),
                outcome("m3", 3_000_000, 3_500_000)), Copies.none(),
                logged("m1", "m2", "m3"), Set.of("m1", "m2", "m3"), OptionalLong.of(1_500_000), ScenarioResult.Extra.NONE);

        assertThat(result.failed()).as(result.problems().toString()).isFalse();
        // the longest wait of a message due since the fault: m2, 3 s
        assertThat(result.line()).isEqualTo("scenario=kill-instance sent=3 acked=3 in_log=3 answered=3 lost=0"
                + " duplicated=0 recovery_s=3.0 drain_s=1.5");
    }

    @Test
    void a_200_without_a_log_entry_and_a_logged_message_the_projection_lacks_are_losses() {
        ScenarioResult result = ScenarioResult.reconcile(Scenario.POSTGRES_DOWN, step(
                outcome("m1", 1_000_000, 1_400_000), outcome("m2", 2_000_000, 2_500_000),
                outcome("m3", 3_000_000, 3_500_000)), Copies.none(),
                logged("m1", "m2"), Set.of("m1"), OptionalLong.empty(), ScenarioResult.Extra.NONE);

        assertThat(result.failed()).isTrue();
        assertThat(result.lost()).isEqualTo(2);
        assertThat(result.inLog()).isEqualTo(2);
        assertThat(result.recovery()).isEmpty();
        assertThat(result.problems()).anySatisfy(problem -> assertThat(problem)
                .startsWith("1 acknowledged but not in conversation-events (a 200 without a durable write), e.g. m3"));
        assertThat(result.problems()).anySatisfy(problem -> assertThat(problem)
                .startsWith("1 in conversation-events but not in the ticket projection, e.g. m2"));
    }

    @Test
    void a_message_logged_under_two_event_ids_is_a_duplicate() {
        LogAudit.Logged twice = new LogAudit.Logged(Map.of("m1", Set.of("e1", "e1-again")));

        ScenarioResult result = ScenarioResult.reconcile(Scenario.DUPLICATES, step(outcome("m1", 1_000_000,
                1_400_000)), Copies.none(), twice, Set.of("m1"), OptionalLong.empty(), ScenarioResult.Extra.NONE);

        assertThat(result.duplicated()).isEqualTo(1);
        assertThat(result.failed()).isTrue();
    }

    @Test
    void a_run_where_nothing_was_acknowledged_fails_although_nothing_acknowledged_was_lost() {
        Simulation.Outcome refused = new Simulation.Outcome("m1", "u-m1", 1_000_000, false, true, -1);
        Summary summary = new Summary(1, 0, Map.of(503, 1), 0, 0, 0, 0, 0, 0, 0, NONE, NONE, NONE, NONE);
        EndToEndBenchmark.Step step = new EndToEndBenchmark.Step(5, new Simulation.Result(summary, 1, 0,
                Instant.EPOCH, List.of(), "run", List.of(refused)), Optional.empty());

        ScenarioResult result = ScenarioResult.reconcile(Scenario.DUPLICATES, step, Copies.none(), logged(),
                Set.of(), OptionalLong.empty(), ScenarioResult.Extra.NONE);

        assertThat(result.lost()).isZero();
        assertThat(result.failed()).isTrue();
        assertThat(result.line()).endsWith("recovery_s=- drain_s=never");
    }

    private static Simulation.Outcome outcome(String id, long dueMicros, long answeredMicros) {
        return new Simulation.Outcome(id, "u-" + id, dueMicros, true, true, answeredMicros);
    }

    private static LogAudit.Logged logged(String... ids) {
        Map<String, Set<String>> eventIds = new java.util.HashMap<>();
        for (String id : ids) {
            eventIds.put(id, Set.of("event-" + id));
        }
        return new LogAudit.Logged(eventIds);
    }

    private static EndToEndBenchmark.Step step(Simulation.Outcome... outcomes) {
        long answered = List.of(outcomes).stream().filter(outcome -> outcome.answeredAtMicros() >= 0).count();
        Summary summary = new Summary(outcomes.length, outcomes.length, Map.of(), answered, 0, 0, 0, 0, 0, 0,
                NONE, NONE, NONE, NONE);
        return new EndToEndBenchmark.Step(5, new Simulation.Result(summary, outcomes.length, 0, Instant.EPOCH,
                List.of(), "run", List.of(outcomes)), Optional.of(Duration.ofMillis(1500)));
    }
}
