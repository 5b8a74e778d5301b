package io.parley.bot.evaluation;

import io.parley.bot.matching.Prediction;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores of a labelled test run. A handoff counts as predicting {@link Prediction#OUT_OF_SCOPE}: right for
 * out-of-scope utterances, wrong for in-scope ones (as in the CLINC150 protocol). {@code meanIntentRecall} averages
 * the in-scope accuracy of each intent: what the accuracy would be on a test set with equally many utterances per
 * intent (BANKING77's and CLINC150's test splits) when the validation data is unbalanced.
 */
public record EvaluationMetrics(int n, double accuracy, double inScopeAccuracy, double meanIntentRecall,
                                boolean hasOutOfScope, double oosRecall, double oosPrecision, double p50Millis,
                                double p99Millis) {

    /** gold and decided labels pair up by index; nanos holds one classification time per utterance. */
    public static EvaluationMetrics of(List<String> gold, List<String> decided, long[] nanos) {
        if (gold.size() != decided.size() || gold.size() != nanos.length || gold.isEmpty()) {
            throw new IllegalArgumentException("need one decision and one timing per gold label, and at least one");
        }
        int correct = 0;
        int inScope = 0;
        int inScopeCorrect = 0;
        int oosGold = 0;
        int oosDecided = 0;
        int oosBoth = 0;
        Map<String, int[]> rightAndSeenByIntent = new HashMap<>();
        for (int i = 0; i < gold.size(); i++) {
            boolean goldOos = Prediction.OUT_OF_SCOPE.equals(gold.get(i));
            boolean decidedOos = Prediction.OUT_OF_SCOPE.equals(decided.get(i));
            boolean right = gold.get(i).equals(decided.get(i));
            correct += right ? 1 : 0;
            if (goldOos) {
                oosGold++;
            } else {
                inScope++;
                inScopeCorrect += right ? 1 : 0;
                int[] intent = rightAndSeenByIntent.computeIfAbsent(gold.get(i), label -> new int[2]);
                intent[0] += right ? 1 : 0;
                intent[1]++;
            }
            oosDecided += decidedOos ? 1 : 0;
            oosBoth += goldOos && decidedOos ? 1 : 0;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double meanIntentRecall = rightAndSeenByIntent.values().stream()
                .mapToDouble(intent -> ratio(intent[0], intent[1])).average().orElse(0);
        return new EvaluationMetrics(gold.size(), ratio(correct, gold.size()), ratio(inScopeCorrect, inScope),
                meanIntentRecall, oosGold > 0, ratio(oosBoth, oosGold), ratio(oosBoth, oosDecided),
                percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6);
    }

    /** The one-line summary printed last by {@code parley bot-eval}. */
    public String format() {
        StringBuilder line = new StringBuilder()
                .append(String.format(Locale.ROOT, "accuracy=%.4f in_scope_accuracy=%.4f", accuracy, inScopeAccuracy));
        if (hasOutOfScope) {
            line.append(String.format(Locale.ROOT, " oos_recall=%.4f oos_precision=%.4f", oosRecall, oosPrecision));
        }
        return line.append(String.format(Locale.ROOT, " p50_ms=%.1f p99_ms=%.1f n=%d", p50Millis, p99Millis, n))
                .toString();
    }

    private static double ratio(int part, int whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    /** Nearest-rank percentile of ascending values. */
    private static long percentile(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
