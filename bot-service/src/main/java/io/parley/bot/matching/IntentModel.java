package io.parley.bot.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.lucene.analysis.Analyzer;

/**
 * Hybrid intent classifier. Three matchers score every intent (logistic regression over word/character TF-IDF plus a
 * sentence embedding, embedding nearest neighbours, Lucene BM25 with the language's analyser) and a decision layer
 * fitted on held-out utterances blends them into a calibrated probability. Below the tenant's threshold, or when the
 * best label is {@link Prediction#OUT_OF_SCOPE}, the bot hands off.
 *
 * <p>Languages: the lexical matchers are per-language (Lucene analysers; character n-grams work for every script,
 * Chinese included). The embedding is the language's encoder ({@link SentenceEncoders}); where it is weak (bge-small-en
 * on Spanish or Russian) the regression and the fitted decision layer put the weight on the lexical evidence instead.
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
     * The "none of these" constant has no large-data value (they go without it): it starts where the neighbour weight
     * times a middling similarity puts a class (28 × 0.7), loosely held; on the demo knowledge base it fitted to 6.6
     * (Chinese, bge-small-zh) up to 19.5 (Spanish).
     */
    static final DecisionLayer.Prior SMALL_DATA_PRIOR =
            new DecisionLayer.Prior(new double[] {0.65, 28, 0.5, 20}, new double[] {0.5, 10, 1, 10});
    /** A held-out share smaller than this (or than the number of classes) is too small to fit on: cross-fit. */
    private static final int MIN_SHARE_UTTERANCES = 20;
    private static final int SMALL_DATA_ROUNDS = 5;

    private final List<String> labels;
    private final SentenceEncoder encoder;
    private final EvidenceSources sources;
    private final DecisionLayer decision;
    /** Whether the decision layer has the "none of these" column (cross-fitted models only). */
    private final boolean rejectsUnseen;
    private final NeighbourFloor neighbourFloor;

    private IntentModel(List<String> labels, SentenceEncoder encoder, EvidenceSources sources, Calibration calibration,
                        boolean rejectsUnseen) {
        this.labels = labels;
        this.encoder = encoder;
        this.sources = sources;
        this.decision = calibration.decision();
        this.neighbourFloor = calibration.neighbourFloor();
        this.rejectsUnseen = rejectsUnseen;
    }

    /** The fitted decision layer, and the {@link NeighbourFloor} (none for cross-fitted models). */
    private record Calibration(DecisionLayer decision, NeighbourFloor neighbourFloor) {
    }

    /** Trains with the default encoder of the options' language ({@link SentenceEncoders#defaults()}). */
    public static IntentModel train(List<LabeledUtterance> utterances, TrainingOptions options) {
        return train(utterances, options, SentenceEncoders.defaults().forLanguage(options.language()));
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

        List<boolean[]> rounds = calibrationRounds(classes, labels.size(), options);
        // A stratified share is one round; cross-fitting makes several (or none, when no intent has two questions).
        boolean crossFitted = rounds.size() != 1;
        Calibration calibration =
                calibrate(texts, embeddings, classes, labels, analyzer, options, rounds, crossFitted);
        EvidenceSources sources =
                EvidenceSources.train(texts, embeddings, classes, labels.size(), analyzer, options);
        return new IntentModel(labels, encoder, sources, calibration, crossFitted);
    }

    /**
     * The best label and its probability, or {@link Prediction#OUT_OF_SCOPE} when "none of these" is likelier than the
     * best label (with that probability) or the question is below the {@link NeighbourFloor} and the best label not
     * sure enough (with the probability that the best label is wrong); the alternatives are the best labels either way
     * (what an agent is offered).
     */
    public Prediction classify(String text) {
        double[][] evidence = sources.evidence(text, encoder.encode(text));
        double[] probabilities = decision.probabilities(rejectsUnseen ? withUnknown(evidence, null) : evidence);
        double unknown = rejectsUnseen ? probabilities[labels.size()] : 0;
        double[] known = Arrays.copyOf(probabilities, labels.size());
        List<ScoredLabel> ranked = Arrays.stream(Vectors.topIndices(known, ALTERNATIVES))
                .mapToObj(c -> new ScoredLabel(labels.get(c), known[c]))
                .toList();
        ScoredLabel best = ranked.get(0);
        if (unknown > best.confidence()) {
            return new Prediction(Prediction.OUT_OF_SCOPE, unknown, ranked);
        }
        if (neighbourFloor.rejects(evidence, best.confidence())) {
            return new Prediction(Prediction.OUT_OF_SCOPE, 1 - best.confidence(), ranked);
        }
        return new Prediction(best.label(), best.confidence(), ranked);
    }

    public List<String> labels() {
        return labels;
    }

    /**
     * Weights of the decision layer: regression logits, nearest-neighbour similarity, BM25 score, and for a
     * cross-fitted model "none of these".
     */
    double[] decisionWeights() {
        return decision.weights();
    }

    /**
     * Fits the decision layer on utterances scored by matchers trained without them, so its weights reflect how the
     * matchers behave on unseen utterances rather than on memorised ones. A cross-fitted knowledge base also leaves
     * whole articles out of further rounds and labels their questions "none of these": every evidence row then gets
     * that extra column, whose logit is a fitted constant (the fourth source, 1 for it alone). A question unlike every
     * article scores low everywhere and the constant wins, whatever the number of articles: a one-article language no
     * longer answers everything with its article. Large data sets (one stratified round) go without it: on CLINC150
     * validation, leaving 20% of the intents out that way turned in-scope accuracy 0.965 / out-of-scope recall 0.66 at
     * the default threshold into 0.870 / 0.96 (see the README); they get a {@link NeighbourFloor} from the same
     * held-out questions instead.
     */
    private static Calibration calibrate(List<String> texts, List<float[]> embeddings, int[] classes,
                                                  List<String> labels, Analyzer analyzer, TrainingOptions options,
                                                  List<boolean[]> rounds, boolean crossFitted) {
        int classCount = labels.size();
        int[] allClasses = crossFitted ? IntStream.range(0, classCount).toArray() : null;
        List<double[][]> evidence = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        for (boolean[] heldOut : rounds) {
            scoreHeldOut(texts, embeddings, classes, classCount, analyzer, options, i -> !heldOut[i], i -> heldOut[i],
                    allClasses, false, evidence, targets);
        }
        int outOfScopeClass = labels.indexOf(Prediction.OUT_OF_SCOPE);
        // Without out-of-scope examples the training set declares every question in scope (BANKING77): no floor.
        NeighbourFloor floor = crossFitted || outOfScopeClass < 0 ? NeighbourFloor.NONE
                : NeighbourFloor.fit(evidence, targets.stream().mapToInt(Integer::intValue).toArray(), outOfScopeClass);
        if (crossFitted) {
            for (Set<Integer> unseen : unseenArticleRounds(labels, options)) {
                int[] kept = IntStream.range(0, classCount).filter(c -> !unseen.contains(c)).toArray();
                scoreHeldOut(texts, embeddings, classes, classCount, analyzer, options,
                        i -> !unseen.contains(classes[i]), i -> unseen.contains(classes[i]), kept, true, evidence,
                        targets);
            }
        }
        return new Calibration(DecisionLayer.fit(evidence, targets.stream().mapToInt(Integer::intValue).toArray(),
                crossFitted ? SMALL_DATA_PRIOR : LARGE_DATA_PRIOR), floor);
    }

    /**
     * Trains the matchers on the rows {@code fit} selects and adds the evidence of the rows {@code score} selects,
     * labelled with their class, or with "none of these" when {@code unseen}. With {@code keptClasses} the rows have
     * the "none of these" column, after the kept classes' columns; without, the matchers' columns only.
     */
    private static void scoreHeldOut(List<String> texts, List<float[]> embeddings, int[] classes, int classCount,
                                     Analyzer analyzer, TrainingOptions options, IntPredicate fit, IntPredicate score,
                                     int[] keptClasses, boolean unseen, List<double[][]> evidence,
                                     List<Integer> targets) {
        int[] fitRows = IntStream.range(0, classes.length).filter(fit).toArray();
        int[] scoredRows = IntStream.range(0, classes.length).filter(score).toArray();
        if (fitRows.length == 0 || scoredRows.length == 0) {
            return;
        }
        EvidenceSources partial = EvidenceSources.train(
                Arrays.stream(fitRows).mapToObj(texts::get).toList(),
                Arrays.stream(fitRows).mapToObj(embeddings::get).toList(),
                Arrays.stream(fitRows).map(i -> classes[i]).toArray(),
                classCount, analyzer, options);
        for (int i : scoredRows) {
            double[][] scores = partial.evidence(texts.get(i), embeddings.get(i));
            evidence.add(keptClasses == null ? scores : withUnknown(scores, keptClasses));
            targets.add(unseen ? keptClasses.length : classes[i]);
        }
    }

    /**
     * The matchers' {@code [source][class]} evidence over {@code keptClasses} (all when null), with the "none of these"
     * column last: zero from every matcher, and a fourth source that is 1 there and 0 elsewhere.
     */
    static double[][] withUnknown(double[][] evidence, int[] keptClasses) {
        int columns = keptClasses == null ? evidence[0].length : keptClasses.length;
        double[][] out = new double[evidence.length + 1][columns + 1];
        for (int source = 0; source < evidence.length; source++) {
            for (int c = 0; c < columns; c++) {
                out[source][c] = evidence[source][keptClasses == null ? c : keptClasses[c]];
            }
        }
        out[evidence.length][columns] = 1;
        return out;
    }

    /**
     * The articles each "none of these" round leaves out (never the {@link Prediction#OUT_OF_SCOPE} examples, which stay
     * a class of their own): up to {@value #SMALL_DATA_ROUNDS} rounds that together leave out every article once.
     */
    static List<Set<Integer>> unseenArticleRounds(List<String> labels, TrainingOptions options) {
        List<Integer> intents = IntStream.range(0, labels.size())
                .filter(c -> !Prediction.OUT_OF_SCOPE.equals(labels.get(c))).boxed()
                .collect(Collectors.toCollection(ArrayList::new));
        Collections.shuffle(intents, new Random(options.seed()));
        int roundCount = Math.min(SMALL_DATA_ROUNDS, intents.size());
        List<Set<Integer>> rounds = new ArrayList<>();
        for (int r = 0; r < roundCount; r++) {
            Set<Integer> round = new HashSet<>();
            for (int j = r; j < intents.size(); j += roundCount) {
                round.add(intents.get(j));
            }
            rounds.add(round);
        }
        return rounds;
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
