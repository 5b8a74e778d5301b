package io.parley.bot.matching;

/** Numerically stable softmax. */
final class Softmax {

    private Softmax() {
    }

    /** Probabilities of {@code logits * scale}. */
    static double[] of(double[] logits, double scale) {
        double max = Double.NEGATIVE_INFINITY;
        for (double logit : logits) {
            max = Math.max(max, logit * scale);
        }
        double[] out = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            out[i] = Math.exp(logits[i] * scale - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }
}
