package io.parley.bot.matching;

/**
 * How {@link IntentModel#train} builds a model. {@link #defaults()} holds the values tuned by cross-validation on
 * BANKING77 and CLINC150 validation data (see the bot-service README, "Evaluation").
 *
 * @param language             ISO 639-1 code (or locale tag) of the utterances; picks the Lucene analyser
 * @param epochs               passes of the logistic-regression optimiser over the training set
 * @param learningRate         AdaGrad base step
 * @param l2                   L2 penalty on the regression weights
 * @param embeddingWeight      scale of the sentence embedding relative to the lexical views
 * @param wordWeight           scale of the word n-gram view
 * @param charWeight           scale of the character n-gram view
 * @param charGramMin          shortest character n-gram
 * @param charGramMax          longest character n-gram
 * @param minDocumentFrequency n-grams seen in fewer training utterances are dropped
 * @param bm25Hits             BM25 hits read per query for the lexical retrieval score
 * @param calibrationFraction  share of each intent's examples held out to fit the decision layer
 * @param seed                 makes training reproducible
 */
public record TrainingOptions(
        String language,
        int epochs,
        double learningRate,
        double l2,
        double embeddingWeight,
        double wordWeight,
        double charWeight,
        int charGramMin,
        int charGramMax,
        int minDocumentFrequency,
        int bm25Hits,
        double calibrationFraction,
        long seed) {

    public TrainingOptions {
        language = Languages.base(language);
        if (epochs < 1 || learningRate <= 0 || l2 < 0 || charGramMin < 1 || charGramMax < charGramMin
                || minDocumentFrequency < 1 || bm25Hits < 1 || calibrationFraction < 0 || calibrationFraction >= 1) {
            throw new IllegalArgumentException("invalid training options: " + this);
        }
    }

    public static TrainingOptions defaults() {
        return new TrainingOptions("en", 6, 0.2, 1e-6, 2.0, 1.0, 1.0, 2, 5, 2, 50, 0.15, 42);
    }

    public TrainingOptions withLanguage(String newLanguage) {
        return new TrainingOptions(newLanguage, epochs, learningRate, l2, embeddingWeight, wordWeight, charWeight,
                charGramMin, charGramMax, minDocumentFrequency, bm25Hits, calibrationFraction, seed);
    }
}
