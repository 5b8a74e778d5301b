package io.parley.bot.matching;

import java.util.List;
import java.util.Random;

/**
 * Multinomial logistic regression over sparse lexical features plus a dense embedding, trained by per-example AdaGrad.
 * Weights are stored feature-major so one feature's weights for all classes are contiguous.
 */
final class SoftmaxRegression {

    /** Classes whose gradient is below this are skipped: after a few epochs most are, which makes epochs cheap. */
    private static final double NEGLIGIBLE_GRADIENT = 1e-4;

    private final int classes;
    private final int sparseDimension;
    private final float[] weights;
    private final float[] bias;

    private SoftmaxRegression(int classes, int sparseDimension, int denseDimension) {
        this.classes = classes;
        this.sparseDimension = sparseDimension;
        this.weights = new float[(sparseDimension + denseDimension) * classes];
        this.bias = new float[classes];
    }

    record Example(SparseVector sparse, float[] dense, int label) {
    }

    static SoftmaxRegression train(List<Example> examples, int classes, int sparseDimension, int denseDimension,
                                   TrainingOptions options) {
        SoftmaxRegression model = new SoftmaxRegression(classes, sparseDimension, denseDimension);
        model.fit(examples, options);
        return model;
    }

    double[] logits(SparseVector sparse, float[] dense) {
        double[] logits = new double[classes];
        for (int c = 0; c < classes; c++) {
            logits[c] = bias[c];
        }
        int[] indices = sparse.indices();
        float[] values = sparse.values();
        for (int i = 0; i < indices.length; i++) {
            addScaledRow(logits, indices[i] * classes, values[i]);
        }
        for (int d = 0; d < dense.length; d++) {
            addScaledRow(logits, (sparseDimension + d) * classes, dense[d]);
        }
        return logits;
    }

    private void addScaledRow(double[] logits, int offset, float value) {
        for (int c = 0; c < classes; c++) {
            logits[c] += weights[offset + c] * value;
        }
    }

    private void fit(List<Example> examples, TrainingOptions options) {
        float[] squaredGradients = new float[weights.length];
        float[] biasSquaredGradients = new float[classes];
        int[] order = new int[examples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(options.seed());
        float rate = (float) options.learningRate();
        float l2 = (float) options.l2();
        double[] gradient = new double[classes];
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            shuffle(order, random);
            for (int index : order) {
                Example example = examples.get(index);
                double[] probabilities = Softmax.of(logits(example.sparse(), example.dense()), 1);
                for (int c = 0; c < classes; c++) {
                    gradient[c] = probabilities[c] - (c == example.label() ? 1 : 0);
                }
                for (int c = 0; c < classes; c++) {
                    if (Math.abs(gradient[c]) >= NEGLIGIBLE_GRADIENT) {
                        float g = (float) gradient[c];
                        biasSquaredGradients[c] += g * g;
                        bias[c] -= rate * g / (float) Math.sqrt(biasSquaredGradients[c] + 1e-8f);
                    }
                }
                int[] indices = example.sparse().indices();
                float[] values = example.sparse().values();
                for (int i = 0; i < indices.length; i++) {
                    update(indices[i] * classes, values[i], gradient, squaredGradients, rate, l2);
                }
                float[] dense = example.dense();
                for (int d = 0; d < dense.length; d++) {
                    update((sparseDimension + d) * classes, dense[d], gradient, squaredGradients, rate, l2);
                }
            }
        }
    }

    private void update(int offset, float value, double[] gradient, float[] squaredGradients, float rate, float l2) {
        for (int c = 0; c < classes; c++) {
            if (Math.abs(gradient[c]) >= NEGLIGIBLE_GRADIENT) {
                int at = offset + c;
                float g = (float) gradient[c] * value + l2 * weights[at];
                squaredGradients[at] += g * g;
                weights[at] -= rate * g / (float) Math.sqrt(squaredGradients[at] + 1e-8f);
            }
        }
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
