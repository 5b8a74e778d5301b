package io.parley.bot.matching;

/** A candidate intent with its calibrated probability. */
public record ScoredLabel(String label, double confidence) {
}
