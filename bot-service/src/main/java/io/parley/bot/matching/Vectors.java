package io.parley.bot.matching;

import java.util.Comparator;
import java.util.stream.IntStream;

/** Small dense-vector helpers shared by the embedding code paths. */
final class Vectors {

    private Vectors() {
    }

    static float[] normalised(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        if (norm == 0) {
            return vector.clone();
        }
        float scale = (float) (1 / Math.sqrt(norm));
        float[] out = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            out[i] = vector[i] * scale;
        }
        return out;
    }

    /** Indices of the {@code k} largest scores, largest first. */
    static int[] topIndices(double[] scores, int k) {
        return IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> scores[i]).reversed())
                .limit(k)
                .mapToInt(Integer::intValue)
                .toArray();
    }
}
