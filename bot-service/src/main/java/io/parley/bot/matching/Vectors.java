package io.parley.bot.matching;

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

    static float dot(float[] a, int aOffset, float[] b, int length) {
        float sum = 0;
        for (int i = 0; i < length; i++) {
            sum += a[aOffset + i] * b[i];
        }
        return sum;
    }
}
