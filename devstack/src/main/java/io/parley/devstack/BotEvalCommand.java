package io.parley.devstack;

import io.parley.bot.evaluation.BotEvaluation;
import io.parley.bot.evaluation.DatasetFormatException;
import io.parley.bot.evaluation.DatasetSplit;
import io.parley.bot.matching.TrainingOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bot-eval",
        description = {"Train the bot's intent engine on one file and classify every utterance of another with the",
            "service's engine and threshold. The last line is the metric summary.",
            "Files: BANKING77-style CSV (text,category) or CLINC150-style JSON (train/val/test + oos_* lists)."})
class BotEvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "training data")
    Path train;

    @Option(names = "--test", required = true, paramLabel = "FILE", description = "utterances to classify")
    Path test;

    @Option(names = "--test-split", defaultValue = "TEST",
            description = "which lists of a JSON test file to read: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    DatasetSplit testSplit;

    @Option(names = "--language", defaultValue = "en", description = {"the data's language or locale, e.g. ru or zh-CN:",
        "picks the analyser and the sentence encoder as the service does (default ${DEFAULT-VALUE})"})
    String language;

    @Override
    public Integer call() {
        try {
            TrainingOptions options = TrainingOptions.defaults().withLanguage(language);
            spec.commandLine().getOut().println(BotEvaluation.run(train, test, testSplit, options, System.err).format());
            return 0;
        } catch (DatasetFormatException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("parley bot-eval: " + e.getMessage());
            return 1;
        }
    }
}
