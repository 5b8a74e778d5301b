package io.parley.bot.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationMetricsTest {

    @Test
    void handoffsCountAsOutOfScopeDecisions() {
        List<String> gold = List.of("a", "a", "b", "oos", "oos");
        List<String> decided = List.of("a", "oos", "b", "oos", "a");
        long[] nanos = {1_000_000, 2_000_000, 3_000_000, 4_000_000, 30_000_000};

        EvaluationMetrics metrics = EvaluationMetrics.of(gold, decided, nanos);

        assertThat(metrics.accuracy()).isCloseTo(0.6, within(1e-9));
        assertThat(metrics.inScopeAccuracy()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(metrics.meanIntentRecall()).as("a: 1 of 2, b: 1 of 1").isCloseTo(0.75, within(1e-9));
        assertThat(metrics.oosRecall()).isCloseTo(0.5, within(1e-9));
        assertThat(metrics.oosPrecision()).isCloseTo(0.5, within(1e-9));
        assertThat(metrics.format())
                .isEqualTo("accuracy=0.6000 in_scope_accuracy=0.6667 oos_recall=0.5000 oos_precision=0.5000"
                        + " p50_ms=3.0 p99_ms=30.0 n=5");
    }

    @Test
    void omitsOutOfScopeFieldsWhenTheTestSetHasNone() {
        EvaluationMetrics metrics = EvaluationMetrics.of(List.of("a", "b"), List.of("a", "a"),
                new long[] {1_250_000, 1_500_000});

        assertThat(metrics.format()).isEqualTo("accuracy=0.5000 in_scope_accuracy=0.5000 p50_ms=1.3 p99_ms=1.5 n=2");
    }
}
