package io.parley.bot.matching;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Out of scope by distance. The decision layer's softmax only compares intents with each other: a question far from
 * every intent can still have one clear winner, and the built-in {@link Prediction#OUT_OF_SCOPE} examples only catch
 * questions that resemble them. The floor catches the rest: a question whose closest training utterance (of any intent
 * but out-of-scope) is less similar than that of all but {@link #IN_SCOPE_SHARE_BELOW} of the held-out in-scope
 * questions is handed off, unless the decision layer is {@link #SURE_ENOUGH} of its best label. Being fitted on the held-out questions of the model's own intents, through its own encoder,
 * it needs no out-of-scope examples and no cosine value tuned for one encoder or language.
 */
final class NeighbourFloor {

    /**
     * Share of held-out in-scope questions that fall below the floor. Chosen on CLINC150 (bot-service README,
     * "CLINC150 out-of-scope, cross-validated"): out-of-scope recall 0.66 → 0.81 on validation for 0.3 points of
     * in-scope accuracy, 0.75 → 0.85 cross-validated over train + val.
     */
    static final double IN_SCOPE_SHARE_BELOW = 0.0075;

    /**
     * A question the decision layer is this sure of is answered below the floor too: on CLINC150 validation that kept
     * more than half of the in-scope questions the floor alone would hand off, and 2 of its 100 out-of-scope ones.
     */
    static final double SURE_ENOUGH = 0.95;

    /** A floor nothing falls below: models without held-out questions to fit one on, or without oos examples. */
    static final NeighbourFloor NONE = new NeighbourFloor(Double.NEGATIVE_INFINITY, -1);

    private final double similarity;
    private final int outOfScopeClass;

    private NeighbourFloor(double similarity, int outOfScopeClass) {
        this.similarity = similarity;
        this.outOfScopeClass = outOfScopeClass;
    }

    /**
     * The floor from held-out evidence ({@code [source][class]} rows scored by matchers trained without them) and
     * their classes; rows of {@code outOfScopeClass} do not count.
     */
    static NeighbourFloor fit(List<double[][]> heldOut, int[] classes, int outOfScopeClass) {
        double[] closest = IntStream.range(0, classes.length)
                .filter(i -> classes[i] != outOfScopeClass)
                .mapToDouble(i -> closest(heldOut.get(i), outOfScopeClass))
                .sorted().toArray();
        if (closest.length == 0) {
            return NONE;
        }
        return new NeighbourFloor(closest[(int) Math.floor(IN_SCOPE_SHARE_BELOW * (closest.length - 1))],
                outOfScopeClass);
    }

    /** Whether a question with this evidence, whose best label has this probability, is out of scope. */
    boolean rejects(double[][] evidence, double bestConfidence) {
        return bestConfidence < SURE_ENOUGH && closest(evidence, outOfScopeClass) < similarity;
    }

    double similarity() {
        return similarity;
    }

    /** Similarity of the closest training utterance of any class but {@code outOfScopeClass}. */
    static double closest(double[][] evidence, int outOfScopeClass) {
        double[] similarity = evidence[EvidenceSources.NEIGHBOURS];
        double best = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < similarity.length; c++) {
            if (c != outOfScopeClass) {
                best = Math.max(best, similarity[c]);
            }
        }
        return best;
    }
}
