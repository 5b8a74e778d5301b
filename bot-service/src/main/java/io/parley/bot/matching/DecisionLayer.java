package io.parley.bot.matching;

import java.util.Arrays;
import java.util.List;

/**
 * Blends per-class evidence (regression logits, embedding nearest-neighbour similarity, BM25 retrieval score) into one
 * calibrated distribution: softmax of a weighted sum. The weights are fitted by Newton's method on held-out
 * utterances, so they also act as temperature scaling: the resulting confidence is a calibrated probability.
 *
 * <p>The fit is a maximum a posteriori estimate under a Gaussian {@link Prior} on the weights. A few dozen held-out
 * questions (a tenant's knowledge base) are often perfectly separable, and maximum likelihood alone then drives the
 * weights towards infinity and every confidence to 1; a prior keeps them near weights seen on large data sets.
 */
final class DecisionLayer {

    private static final int MAX_ITERATIONS = 30;
    /** Levenberg damping: keeps a Newton step finite when a source carries no information; the optimum stays put. */
    private static final double DAMPING = 1e-4;

    /** Independent Gaussians on the weights: their means (where the fit starts) and standard deviations. */
    record Prior(double[] mean, double[] deviation) {

        /** No preference: the fit starts at {@code start} and maximises the likelihood alone. */
        static Prior flat(double[] start) {
            double[] infinite = new double[start.length];
            Arrays.fill(infinite, Double.POSITIVE_INFINITY);
            return new Prior(start, infinite);
        }
    }

    private final double[] weights;

    DecisionLayer(double[] weights) {
        this.weights = weights.clone();
    }

    /** Evidence per example is {@code [source][class]}. */
    static DecisionLayer fit(List<double[][]> evidence, int[] labels, Prior prior) {
        double[] weights = prior.mean().clone();
        int k = weights.length;
        double loss = negativeLogPosterior(evidence, labels, weights, prior);
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
                double precision = 1 / (prior.deviation()[j] * prior.deviation()[j]);
                gradient[j] += precision * (weights[j] - prior.mean()[j]);
                hessian[j][j] += precision + DAMPING * evidence.size();
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
                candidateLoss = negativeLogPosterior(evidence, labels, candidate, prior);
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

    private static double negativeLogPosterior(List<double[][]> evidence, int[] labels, double[] weights,
                                               Prior prior) {
        double loss = 0;
        for (int j = 0; j < weights.length; j++) {
            double z = (weights[j] - prior.mean()[j]) / prior.deviation()[j];
            loss += z * z / 2;
        }
        for (int i = 0; i < evidence.size(); i++) {
            double[] p = Softmax.of(combine(evidence.get(i), weights), 1);
            loss -= Math.log(Math.max(p[labels[i]], 1e-300));
        }
        return loss;
    }
}
