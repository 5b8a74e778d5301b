package io.parley.devstack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BotDecisionTimesTest {

    /** A page as Micrometer's Prometheus registry writes it (tags before {@code le}, counts as decimals). */
    private static String page(double wall1ms, double wall5ms, double wall20ms, double cpu1ms, double cpu5ms) {
        double wallAll = wall20ms;
        return """
                # TYPE parley_bot_decision_seconds histogram
                parley_bot_decision_seconds_bucket{le="0.001"} %s
                parley_bot_decision_seconds_bucket{le="0.005"} %s
                parley_bot_decision_seconds_bucket{le="0.02"} %s
                parley_bot_decision_seconds_bucket{le="+Inf"} %s
                parley_bot_decision_seconds_count %s
                parley_bot_decision_cpu_seconds_bucket{le="0.001"} %s
                parley_bot_decision_cpu_seconds_bucket{le="0.005"} %s
                parley_bot_decision_cpu_seconds_bucket{le="+Inf"} %s
                parley_bot_reaction_seconds{quantile="0.99"} 0.5
                """.formatted(wall1ms, wall5ms, wall20ms, wallAll, wallAll, cpu1ms, cpu5ms, cpu5ms);
    }

    @Test
    void a_steps_figures_are_the_difference_between_its_two_readings() {
        BotDecisionTimes.Snapshot before = BotDecisionTimes.parse(page(10, 10, 10, 10, 10));
        // 100 decisions during the step: 90 within 5 ms, 10 more within 20 ms; CPU: 50 within 1 ms, all within 5 ms
        BotDecisionTimes.Snapshot after = BotDecisionTimes.parse(page(10, 100, 110, 60, 110));

        assertThat(BotDecisionTimes.between(before, after)).hasValue(
                new BotDecisionTimes.Figures(100, 5.0, 20.0, 1.0, 5.0));
    }

    @Test
    void instances_are_summed_bucket_by_bucket() {
        BotDecisionTimes.Snapshot none = BotDecisionTimes.parse("");
        BotDecisionTimes.Snapshot two = BotDecisionTimes.parse(page(1, 1, 1, 1, 1) + page(0, 0, 3, 0, 3));

        assertThat(BotDecisionTimes.between(none, two)).hasValueSatisfying(figures -> {
            assertThat(figures.decisions()).isEqualTo(4);
            assertThat(figures.p50Ms()).isEqualTo(20.0);
            assertThat(figures.line()).isEqualTo(
                    "bot_decision n=4 p50_ms<=20.0 p99_ms<=20.0 cpu_p50_ms<=5.0 cpu_p99_ms<=5.0");
        });
    }

    @Test
    void a_step_during_which_an_instance_restarted_has_no_figures() {
        BotDecisionTimes.Snapshot before = BotDecisionTimes.parse(page(10, 10, 10, 10, 10));
        BotDecisionTimes.Snapshot restarted = BotDecisionTimes.parse(page(1, 1, 12, 1, 12)); // counts started again

        assertThat(BotDecisionTimes.between(before, restarted)).isEmpty();
    }

    @Test
    void only_the_le_label_is_read_as_the_bound() {
        BotDecisionTimes.Snapshot tagged = BotDecisionTimes.parse("""
                parley_bot_decision_seconds_bucket{role="x",le="0.005",sole="0.001"} 2.0
                parley_bot_decision_seconds_bucket{role="x",le="+Inf",sole="0.001"} 2.0
                """);

        assertThat(BotDecisionTimes.between(BotDecisionTimes.parse(""), tagged))
                .hasValueSatisfying(figures -> assertThat(figures.p99Ms()).isEqualTo(5.0));
    }

    @Test
    void a_step_without_decisions_has_no_figures() {
        BotDecisionTimes.Snapshot same = BotDecisionTimes.parse(page(3, 3, 3, 3, 3));

        assertThat(BotDecisionTimes.between(same, same)).isEmpty();
    }
}
