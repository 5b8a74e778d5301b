package io.parley.bot.matching;

import java.util.List;

/**
 * Blends per-class evidence (regression logits, embedding nearest-neighbour similarity, BM25 retrieval score) into one
 * calibrated distribution: softmax of a weighted sum. The weights are fitted by Newton's method on held-out
 * utterances, so they also act as temperature scaling: the resulting confidence is a calibrated probability.
 */
final class DecisionLayer {

    private static final int MAX_ITERATIONS = 30;
    private static final double RIDGE = 1e-4;

    private final double[] weights;

    DecisionLayer(double[] weights) {
        this.weights = weights.clone();
    }

    /** Evidence per example is {@code [source][class]}. */
    static DecisionLayer fit(List<double[][]> evidence, int[] labels, double[] initialWeights) {
        double[] weights = initialWeights.clone();
        int k = weights.length;
        double loss = negativeLogLikelihood(evidence, labels, weights);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] gradient = new double[k];
            double[][] hessian = new double[k][k];
            for (int i = 0; i < evidence.size(); i++) {
                double[][] f = evidence.get(i);
                double[] p = Softmax.of(combine(f, weights), 1);
                double[] expected = new double[k];
                for (int j = 0; j < k; j++) {
                    for (int c = 0; c < p.length; c++) {
                        expected[j] += p[c] * f[j][c];
                    }
                    gradient[j] += expected[j] - f[j][labels[i]];
                }
                for (int j = 0; j < k; j++) {
                    for (int l = 0; l < k; l++) {
                        double second = 0;
                        for (int c = 0; c < p.length; c++) {
                            second += p[c] * f[j][c] * f[l][c];
                        }
                        hessian[j][l] += second - expected[j] * expected[l];
                    }
                }
            }
            for (int j = 0; j < k; j++) {
                hessian[j][j] += RIDGE * evidence.size();
            }
            double[] step = LinearSystems.solve(hessian, gradient);
            double scale = 1;
            double[] candidate = weights;
            double candidateLoss = loss;
            while (scale > 1e-4) {
                candidate = new double[k];
                for (int j = 0; j < k; j++) {
                    candidate[j] = weights[j] - scale * step[j];
                }
                candidateLoss = negativeLogLikelihood(evidence, labels, candidate);
                if (candidateLoss < loss) {
                    break;
                }
                scale /= 2;
            }
            if (candidateLoss >= loss || loss - candidateLoss < 1e-7 * evidence.size()) {
                if (candidateLoss < loss) {
                    weights = candidate;
                }
                break;
            }
            weights = candidate;
            loss = candidateLoss;
        }
        return new DecisionLayer(weights);
    }

    double[] probabilities(double[][] evidence) {
        return Softmax.of(combine(evidence, weights), 1);
    }

    double[] weights() {
        return weights.clone();
    }

    private static double[] combine(double[][] evidence, double[] weights) {
        double[] logits = new double[evidence[0].length];
        for (int j = 0; j < weights.length; j++) {
            for (int c = 0; c < logits.length; c++) {
                logits[c] += weights[j] * evidence[j][c];
            }
        }
        return logits;
    }

    private static double negativeLogLikelihood(List<double[][]> evidence, int[] labels, double[] weights) {
        double loss = 0;
        for (int i = 0; i < evidence.size(); i++) {
            double[] p = Softmax.of(combine(evidence.get(i), weights), 1);
            loss -= Math.log(Math.max(p[labels[i]], 1e-300));
        }
        return loss;
    }
}
