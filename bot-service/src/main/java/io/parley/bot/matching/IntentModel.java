package io.parley.bot.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.lucene.analysis.Analyzer;

/**
 * Hybrid intent classifier. Three matchers score every intent (logistic regression over word/character TF-IDF plus a
 * sentence embedding, embedding nearest neighbours, Lucene BM25 with the language's analyser) and a decision layer
 * fitted on held-out utterances blends them into a calibrated probability. Below the tenant's threshold, or when the
 * best label is {@link Prediction#OUT_OF_SCOPE}, the bot hands off.
 *
 * <p>Languages: the lexical matchers are per-language (Lucene analysers; character n-grams work for every script,
 * Chinese included). The embedding is English-centric; for other languages its features are weak and the regression
 * and the fitted decision layer put the weight on the lexical evidence instead.
 *
 * <p>Immutable and thread-safe once trained. {@link #classify} is CPU-bound (about 10 ms): call it off the event loop.
 */
public final class IntentModel {

    /** Handoff threshold tuned on CLINC150 validation data; tenants may override it. */
    public static final double DEFAULT_CONFIDENCE_THRESHOLD = 0.40;

    private static final int ALTERNATIVES = 5;
    /** A large held-out share fits the decision layer by likelihood alone, from the regression's logits as they are. */
    private static final DecisionLayer.Prior LARGE_DATA_PRIOR = DecisionLayer.Prior.flat(new double[] {1, 0, 0});
    /**
     * A cross-fitted knowledge base fits the weights (regression, neighbours, BM25) near what large data sets gave:
     * BANKING77 (0.48, 34.3, 1.13) and CLINC150 (0.81, 22.1, -0.07), give or take a deviation its questions can move.
     */
    static final DecisionLayer.Prior SMALL_DATA_PRIOR =
            new DecisionLayer.Prior(new double[] {0.65, 28, 0.5}, new double[] {0.5, 10, 1});
    /** A held-out share smaller than this (or than the number of classes) is too small to fit on: cross-fit. */
    private static final int MIN_SHARE_UTTERANCES = 20;
    private static final int SMALL_DATA_ROUNDS = 5;

    private final List<String> labels;
    private final SentenceEncoder encoder;
    private final EvidenceSources sources;
    private final DecisionLayer decision;

    private IntentModel(List<String> labels, SentenceEncoder encoder, EvidenceSources sources, DecisionLayer decision) {
        this.labels = labels;
        this.encoder = encoder;
        this.sources = sources;
        this.decision = decision;
    }

    /** Trains with the process-wide bge-small encoder. */
    public static IntentModel train(List<LabeledUtterance> utterances, TrainingOptions options) {
        return train(utterances, options, OnnxSentenceEncoder.bgeSmall());
    }

    public static IntentModel train(List<LabeledUtterance> utterances, TrainingOptions options,
                                    SentenceEncoder encoder) {
        if (utterances.isEmpty()) {
            throw new IllegalArgumentException("cannot train an intent model without utterances");
        }
        List<String> labels = utterances.stream().map(LabeledUtterance::label).distinct().sorted().toList();
        Map<String, Integer> classOf = new TreeMap<>();
        labels.forEach(label -> classOf.put(label, classOf.size()));
        List<String> texts = utterances.stream().map(LabeledUtterance::text).toList();
        int[] classes = utterances.stream().mapToInt(u -> classOf.get(u.label())).toArray();
        List<float[]> embeddings = encoder.encodeAll(texts);
        Analyzer analyzer = LanguageAnalyzers.forLanguage(options.language());

        DecisionLayer decision = fitDecisionLayer(texts, embeddings, classes, labels.size(), analyzer, options);
        EvidenceSources sources =
                EvidenceSources.train(texts, embeddings, classes, labels.size(), analyzer, options);
        return new IntentModel(labels, encoder, sources, decision);
    }

    public Prediction classify(String text) {
        double[] probabilities = decision.probabilities(sources.evidence(text, encoder.encode(text)));
        List<ScoredLabel> ranked = Arrays.stream(Vectors.topIndices(probabilities, ALTERNATIVES))
                .mapToObj(c -> new ScoredLabel(labels.get(c), probabilities[c]))
                .toList();
        return new Prediction(ranked.get(0).label(), ranked.get(0).confidence(), ranked);
    }

    public List<String> labels() {
        return labels;
    }

    /** Weights of the decision layer: regression logits, nearest-neighbour similarity, BM25 score. */
    double[] decisionWeights() {
        return decision.weights();
    }

    /**
     * Fits the decision layer on utterances scored by matchers trained without them, so its weights reflect how the
     * matchers behave on unseen utterances rather than on memorised ones.
     */
    private static DecisionLayer fitDecisionLayer(List<String> texts, List<float[]> embeddings, int[] classes,
                                                  int classCount, Analyzer analyzer, TrainingOptions options) {
        List<double[][]> evidence = new ArrayList<>();
        List<Integer> evidenceClasses = new ArrayList<>();
        List<boolean[]> rounds = calibrationRounds(classes, classCount, options);
        for (boolean[] heldOut : rounds) {
            List<Integer> fitRows = new ArrayList<>();
            List<Integer> heldRows = new ArrayList<>();
            for (int i = 0; i < classes.length; i++) {
                (heldOut[i] ? heldRows : fitRows).add(i);
            }
            EvidenceSources partial = EvidenceSources.train(
                    fitRows.stream().map(texts::get).toList(),
                    fitRows.stream().map(embeddings::get).toList(),
                    fitRows.stream().mapToInt(i -> classes[i]).toArray(),
                    classCount, analyzer, options);
            for (int i : heldRows) {
                evidence.add(partial.evidence(texts.get(i), embeddings.get(i)));
                evidenceClasses.add(classes[i]);
            }
        }
        // A stratified share is one round; cross-fitting makes several (or none, when no intent has two questions).
        boolean crossFitted = rounds.size() != 1;
        return DecisionLayer.fit(evidence, evidenceClasses.stream().mapToInt(Integer::intValue).toArray(),
                crossFitted ? SMALL_DATA_PRIOR : LARGE_DATA_PRIOR);
    }

    /**
     * The utterances each calibration round holds out. A large training set gives one round that holds out about
     * {@code calibrationFraction} of each class. A tenant's knowledge base, a few questions per article, would hold
     * out too few that way, so it is cross-fitted instead: {@value #SMALL_DATA_ROUNDS} rounds that together hold out
     * every utterance once. A class's only utterance is never held out: the matchers need it.
     */
    static List<boolean[]> calibrationRounds(int[] classes, int classCount, TrainingOptions options) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classCount; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < classes.length; i++) {
            byClass.get(classes[i]).add(i);
        }
        Random random = new Random(options.seed());
        byClass.forEach(rows -> Collections.shuffle(rows, random));

        boolean[] share = new boolean[classes.length];
        int shareSize = 0;
        for (List<Integer> rows : byClass) {
            int count = Math.max(0,
                    Math.min(rows.size() - 1, (int) Math.round(rows.size() * options.calibrationFraction())));
            rows.subList(0, count).forEach(i -> share[i] = true);
            shareSize += count;
        }
        if (shareSize >= Math.max(MIN_SHARE_UTTERANCES, classCount)) {
            return List.of(share);
        }
        boolean[][] rounds = new boolean[SMALL_DATA_ROUNDS][classes.length];
        for (int c = 0; c < classCount; c++) {
            List<Integer> rows = byClass.get(c);
            if (rows.size() > 1) {
                // Starting each class at another round keeps the rounds about equally large.
                for (int j = 0; j < rows.size(); j++) {
                    rounds[(c + j) % SMALL_DATA_ROUNDS][rows.get(j)] = true;
                }
            }
        }
        return Arrays.stream(rounds).filter(round -> IntStream.range(0, round.length).anyMatch(i -> round[i])).toList();
    }
}
