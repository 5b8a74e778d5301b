package io.parley.bot.matching;

import java.util.Locale;

/** Test stand-in for the ONNX model: a normalised bag of hashed words, so similar wordings get similar vectors. */
final class HashingEncoder implements SentenceEncoder {

    private static final int DIMENSION = 64;

    @Override
    public float[] encode(String text) {
        float[] vector = new float[DIMENSION];
        for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
            if (!word.isEmpty()) {
                vector[Math.floorMod(word.hashCode(), DIMENSION)] += 1;
            }
        }
        return Vectors.normalised(vector);
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public boolean understands(String language) {
        return true; // a word hashes alike in every language: no language is understood better than another
    }
}
