package io.parley.bot.matching;

import java.util.List;

/**
 * The engine's answer for one utterance: the best label, its calibrated confidence (a probability) and the
 * ranked alternatives, best first, the best included.
 */
public record Prediction(String label, double confidence, List<ScoredLabel> alternatives) {

    /** Label of training examples that the bot must not answer; predicting it always means hand off. */
    public static final String OUT_OF_SCOPE = "oos";

    public Prediction {
        alternatives = List.copyOf(alternatives);
    }

    /** True when the bot may answer on its own; false means hand off to a human. */
    public boolean confident(double threshold) {
        return !OUT_OF_SCOPE.equals(label) && confidence >= threshold;
    }

    /** The label the bot acts on at this threshold: the best label, or {@link #OUT_OF_SCOPE} (hand off). */
    public String decision(double threshold) {
        return confident(threshold) ? label : OUT_OF_SCOPE;
    }
}
