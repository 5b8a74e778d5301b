package io.parley.bot.evaluation;

import io.parley.bot.matching.IntentModel;
import io.parley.bot.matching.LabeledUtterance;
import io.parley.bot.matching.Prediction;
import io.parley.bot.matching.TrainingOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains the bot's intent engine on one dataset and scores it on another with the service's default options and
 * handoff threshold. Used by {@code parley bot-eval}; {@link #main} runs it standalone.
 */
public final class BotEvaluation {

    private static final int WARM_UP_UTTERANCES = 1000;

    private BotEvaluation() {
    }

    /** Runs the evaluation on a CLINC-style test split {@code test}/{@code oos_test} (ignored for CSV files). */
    public static EvaluationMetrics run(Path trainFile, Path testFile, PrintStream progress) {
        return run(trainFile, testFile, DatasetSplit.TEST, TrainingOptions.defaults(), progress);
    }

    public static EvaluationMetrics run(Path trainFile, Path testFile, DatasetSplit testSplit,
                                        TrainingOptions options, PrintStream progress) {
        requireFile(trainFile, "--train");
        requireFile(testFile, "--test");
        List<LabeledUtterance> train = DatasetReader.read(trainFile, DatasetSplit.TRAIN);
        List<LabeledUtterance> test = DatasetReader.read(testFile, testSplit);
        progress.printf("read %d training and %d test utterances%n", train.size(), test.size());

        long start = System.nanoTime();
        IntentModel model = IntentModel.train(train, options);
        progress.printf(Locale.ROOT, "trained on %d intents in %.1f s%n", model.labels().size(),
                (System.nanoTime() - start) / 1e9);

        // A running service is warm; time the steady state, not the JIT.
        train.stream().limit(WARM_UP_UTTERANCES).forEach(u -> model.classify(u.text()));
        double threshold = IntentModel.DEFAULT_CONFIDENCE_THRESHOLD;
        List<String> gold = new ArrayList<>(test.size());
        List<String> decided = new ArrayList<>(test.size());
        long[] nanos = new long[test.size()];
        int topOneCorrect = 0;
        for (int i = 0; i < test.size(); i++) {
            LabeledUtterance utterance = test.get(i);
            long before = System.nanoTime();
            Prediction prediction = model.classify(utterance.text());
            nanos[i] = System.nanoTime() - before;
            gold.add(utterance.label());
            decided.add(prediction.decision(threshold));
            topOneCorrect += prediction.label().equals(utterance.label()) ? 1 : 0;
        }
        long handoffs = decided.stream().filter(Prediction.OUT_OF_SCOPE::equals).count();
        EvaluationMetrics metrics = EvaluationMetrics.of(gold, decided, nanos);
        progress.printf(Locale.ROOT, "threshold %.2f: top-1 accuracy before handoff %.4f, handoffs %d of %d,"
                        + " mean per-intent in-scope accuracy %.4f%n",
                threshold, (double) topOneCorrect / test.size(), handoffs, test.size(), metrics.meanIntentRecall());
        return metrics;
    }

    private static void requireFile(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file + " is not a readable file");
        }
    }
}
