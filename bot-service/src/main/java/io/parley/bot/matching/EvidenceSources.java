package io.parley.bot.matching;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;

/**
 * The matchers trained on one set of utterances, each scoring every class for a query: logistic regression over
 * TF-IDF n-grams and the embedding, embedding nearest neighbours, and Lucene BM25 retrieval.
 */
final class EvidenceSources {

    static final int SOURCES = 3;
    /** Index of the nearest-neighbour similarities in {@link #evidence}. */
    static final int NEIGHBOURS = 1;

    /**
     * Nearest neighbours are searched only in the regression's best classes. Searching all 77 BANKING77 intents cost
     * 2.4 ms of a 10 ms query; with 30 candidates the holdout accuracy moved by one utterance in 2,001 (with 20, by
     * five).
     */
    static final int NEIGHBOUR_CANDIDATES = 30;

    private final int classCount;
    private final double embeddingWeight;
    private final TextVectorizer vectorizer;
    private final SoftmaxRegression regression;
    private final NearestNeighbours neighbours;
    private final Bm25Index bm25;

    private EvidenceSources(int classCount, double embeddingWeight, TextVectorizer vectorizer,
                            SoftmaxRegression regression, NearestNeighbours neighbours, Bm25Index bm25) {
        this.classCount = classCount;
        this.embeddingWeight = embeddingWeight;
        this.vectorizer = vectorizer;
        this.regression = regression;
        this.neighbours = neighbours;
        this.bm25 = bm25;
    }

    static EvidenceSources train(List<String> texts, List<float[]> embeddings, int[] classes, int classCount,
                                 Analyzer analyzer, TrainingOptions options) {
        TextVectorizer vectorizer = TextVectorizer.fit(analyzer, options, texts);
        int dimension = embeddings.get(0).length;
        List<SoftmaxRegression.Example> examples = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            examples.add(new SoftmaxRegression.Example(vectorizer.vectorize(texts.get(i)),
                    scaled(embeddings.get(i), options.embeddingWeight()), classes[i]));
        }
        SoftmaxRegression regression =
                SoftmaxRegression.train(examples, classCount, vectorizer.dimension(), dimension, options);
        return new EvidenceSources(classCount, options.embeddingWeight(), vectorizer, regression,
                new NearestNeighbours(embeddings, classes, classCount, dimension),
                new Bm25Index(analyzer, texts, classes, options.bm25Hits()));
    }

    /** {@code [source][class]} scores for a query and its embedding. */
    double[][] evidence(String text, float[] embedding) {
        double[][] evidence = new double[SOURCES][];
        evidence[0] = regression.logits(vectorizer.vectorize(text), scaled(embedding, embeddingWeight));
        int[] candidates = Vectors.topIndices(evidence[0], NEIGHBOUR_CANDIDATES);
        evidence[NEIGHBOURS] = toDoubles(neighbours.classMaxSimilarity(embedding, candidates));
        evidence[2] = toDoubles(bm25.classScores(text, classCount));
        return evidence;
    }

    private static float[] scaled(float[] vector, double factor) {
        float[] out = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            out[i] = (float) (vector[i] * factor);
        }
        return out;
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
