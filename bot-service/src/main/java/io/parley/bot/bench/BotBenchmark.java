package io.parley.bot.bench;

import io.parley.bot.matching.IntentModel;
import io.parley.bot.matching.LabeledUtterance;
import io.parley.bot.matching.TrainingOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.HdrHistogram.Histogram;

/**
 * Per-utterance classification latency of the bot's intent engine ({@link IntentModel}, what the bot runs for every
 * customer message): trains on a labelled data set (BANKING77: 77 intents, 10,003 utterances) less a seeded holdout,
 * warms the JIT up, then classifies the holdout one utterance at a time on one thread and records each call. The ONNX
 * session runs one intra-op thread, so this is one core's figure.
 */
public final class BotBenchmark {

    private static final long SEED = 7;

    private BotBenchmark() {
    }

    /** Runs the benchmark on {@code data}, timing {@code measured} held-out utterances; returns its summary line. */
    public static String run(List<LabeledUtterance> data, int measured) {
        if (measured < 1 || measured >= data.size()) {
            throw new IllegalArgumentException("measure between 1 and " + (data.size() - 1) + " utterances of "
                    + data.size() + ", got " + measured);
        }
        List<LabeledUtterance> shuffled = new ArrayList<>(data);
        Collections.shuffle(shuffled, new Random(SEED));
        List<LabeledUtterance> holdout = shuffled.subList(0, measured);
        List<LabeledUtterance> training = shuffled.subList(measured, shuffled.size());
        long trainingStart = System.nanoTime();
        IntentModel model = IntentModel.train(training, TrainingOptions.defaults().withLanguage("en"));
        double trainingSeconds = (System.nanoTime() - trainingStart) / 1e9;

        for (LabeledUtterance utterance : holdout) {
            model.classify(utterance.text()); // warm-up: JIT and ONNX Runtime's first-call costs
        }
        Histogram nanos = new Histogram(3);
        int correct = 0;
        for (LabeledUtterance utterance : holdout) {
            long start = System.nanoTime();
            String label = model.classify(utterance.text()).label();
            nanos.recordValue(System.nanoTime() - start);
            correct += label.equals(utterance.label()) ? 1 : 0;
        }
        return String.format(Locale.ROOT, "intents=%d trained_on=%d training_s=%.1f top1=%.3f%n"
                        + "p50_ms=%.2f p99_ms=%.2f n=%d",
                training.stream().map(LabeledUtterance::label).distinct().count(), training.size(), trainingSeconds,
                (double) correct / holdout.size(), nanos.getValueAtPercentile(50) / 1e6,
                nanos.getValueAtPercentile(99) / 1e6, nanos.getTotalCount());
    }
}
