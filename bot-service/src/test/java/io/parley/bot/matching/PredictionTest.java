package io.parley.bot.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PredictionTest {

    @Test
    void answersOnlyAtOrAboveTheThreshold() {
        Prediction prediction = new Prediction("refund", 0.7, List.of(new ScoredLabel("refund", 0.7)));

        assertThat(prediction.confident(0.7)).isTrue();
        assertThat(prediction.decision(0.7)).isEqualTo("refund");
        assertThat(prediction.confident(0.71)).isFalse();
        assertThat(prediction.decision(0.71)).isEqualTo(Prediction.OUT_OF_SCOPE);
    }

    @Test
    void outOfScopeIsNeverConfident() {
        Prediction prediction = new Prediction(Prediction.OUT_OF_SCOPE, 0.99, List.of());

        assertThat(prediction.confident(0.0)).isFalse();
    }
}
