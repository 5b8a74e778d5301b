package io.parley.bot.matching;

import java.util.Arrays;
import java.util.List;

/**
 * Exact cosine nearest neighbours over the training embeddings (normalised, so cosine is a dot product), searched
 * only among the classes a caller names.
 *
 * <p>Utterances are stored in one block per class, each block dimension-major: the similarities to a class's
 * utterances are built up one dimension at a time by a multiply-add over a contiguous row, a loop the JIT turns into
 * SIMD instructions (one dot product per utterance is a reduction it leaves scalar). Searching only candidate
 * classes keeps a query's cost independent of how many intents a large knowledge base has.
 */
final class NearestNeighbours {

    private final int dimension;
    private final int[] blockStart;
    private final int[] blockSize;
    private final float[] blocks;
    private final int largestBlock;

    NearestNeighbours(List<float[]> embeddings, int[] classes, int classCount, int dimension) {
        this.dimension = dimension;
        this.blockSize = new int[classCount];
        for (int c : classes) {
            blockSize[c]++;
        }
        this.largestBlock = Arrays.stream(blockSize).max().orElse(0);
        this.blockStart = new int[classCount];
        for (int c = 1; c < classCount; c++) {
            blockStart[c] = blockStart[c - 1] + blockSize[c - 1] * dimension;
        }
        this.blocks = new float[embeddings.size() * dimension];
        int[] filled = new int[classCount];
        for (int i = 0; i < classes.length; i++) {
            int c = classes[i];
            float[] embedding = embeddings.get(i);
            for (int d = 0; d < dimension; d++) {
                blocks[blockStart[c] + d * blockSize[c] + filled[c]] = embedding[d];
            }
            filled[c]++;
        }
    }

    /**
     * Per candidate class, the cosine similarity of its closest training utterance (-1 when it has none). Classes not
     * searched get the lowest similarity found among the candidates: they are no closer than that as far as we know,
     * and a harsher value (-1) made the decision layer distrust this matcher, because a held-out utterance whose class
     * the regression ranked low then looked impossible.
     */
    float[] classMaxSimilarity(float[] query, int[] candidateClasses) {
        float[] best = new float[blockSize.length];
        Arrays.fill(best, Float.NaN);
        float[] similarity = new float[largestBlock];
        float lowest = Float.POSITIVE_INFINITY;
        for (int c : candidateClasses) {
            best[c] = blockSize[c] == 0 ? -1 : closest(query, c, similarity);
            lowest = blockSize[c] == 0 ? lowest : Math.min(lowest, best[c]);
        }
        float unsearched = Float.isInfinite(lowest) ? -1 : lowest;
        for (int c = 0; c < best.length; c++) {
            if (Float.isNaN(best[c])) {
                best[c] = unsearched;
            }
        }
        return best;
    }

    private float closest(float[] query, int c, float[] similarity) {
        int size = blockSize[c];
        Arrays.fill(similarity, 0, size, 0f);
        for (int d = 0; d < dimension; d++) {
            float weight = query[d];
            int row = blockStart[c] + d * size;
            for (int j = 0; j < size; j++) {
                similarity[j] += weight * blocks[row + j];
            }
        }
        float max = -1;
        for (int j = 0; j < size; j++) {
            max = Math.max(max, similarity[j]);
        }
        return max;
    }
}
