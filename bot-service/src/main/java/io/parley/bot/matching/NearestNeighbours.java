package io.parley.bot.matching;

import java.util.Arrays;
import java.util.List;

/** Exact cosine nearest neighbours over the training embeddings (normalised, so cosine is a dot product). */
final class NearestNeighbours {

    private final float[] vectors;
    private final int[] classes;
    private final int dimension;

    NearestNeighbours(List<float[]> embeddings, int[] classes, int dimension) {
        this.vectors = new float[embeddings.size() * dimension];
        for (int i = 0; i < embeddings.size(); i++) {
            System.arraycopy(embeddings.get(i), 0, vectors, i * dimension, dimension);
        }
        this.classes = classes.clone();
        this.dimension = dimension;
    }

    /** Per class, the cosine similarity of its closest training utterance (-1 when it has none). */
    float[] classMaxSimilarity(float[] query, int classCount) {
        float[] best = new float[classCount];
        Arrays.fill(best, -1);
        for (int i = 0; i < classes.length; i++) {
            float similarity = Vectors.dot(vectors, i * dimension, query, dimension);
            if (similarity > best[classes[i]]) {
                best[classes[i]] = similarity;
            }
        }
        return best;
    }
}
