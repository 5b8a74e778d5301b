package io.parley.devstack;

import io.parley.analytics.bench.AnalyticsBenchmark;
import io.parley.bot.bench.BotBenchmark;
import io.parley.bot.evaluation.DatasetReader;
import io.parley.bot.evaluation.DatasetSplit;
import io.parley.routing.bench.RoutingBenchmark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Benchmarks that print figures; the last line of each is the summary tools parse. */
@Command(name = "bench", description = "Run a benchmark and print its figures.",
        subcommands = {BenchCommand.Routing.class, BenchCommand.Analytics.class, BenchCommand.Bot.class})
class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "routing",
            description = "Drive the real routing decider with many agents and queued conversations; target p99 <= 5 ms.")
    static class Routing implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--agents", defaultValue = "1000", description = "online agents (default ${DEFAULT-VALUE})")
        int agents;

        @Option(names = "--queued", defaultValue = "10000",
                description = "conversations waiting before measuring (default ${DEFAULT-VALUE})")
        int queued;

        @Option(names = "--decisions", defaultValue = "20000", description = "measured decisions (default ${DEFAULT-VALUE})")
        int decisions;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(RoutingBenchmark.run(agents, queued, decisions));
            return 0;
        }
    }

    @Command(name = "analytics",
            description = "Rebuild the analytics projection from a synthetic log (events/s against a raw read) and"
                    + " measure the live push latency at a paced event rate; target push p99 <= 1 s.")
    static class Analytics implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--events", defaultValue = "200000", description = "events in the log (default ${DEFAULT-VALUE})")
        int events;

        @Option(names = "--tenants", defaultValue = "10", description = "tenants (default ${DEFAULT-VALUE})")
        int tenants;

        @Option(names = "--rate", defaultValue = "200", description = "events/s for the push latency (default ${DEFAULT-VALUE})")
        int rate;

        @Option(names = "--seconds", defaultValue = "30",
                description = "how long to push at that rate (default ${DEFAULT-VALUE})")
        int seconds;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(AnalyticsBenchmark.run(events, tenants, rate, Duration.ofSeconds(seconds)));
            return 0;
        }
    }

    @Command(name = "bot",
            description = "Per-utterance intent classification on one core over a BANKING77-sized knowledge base;"
                    + " target p99 <= 20 ms.")
    static class Bot implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--train", defaultValue = "../shared/data/intents/banking77-train.csv", paramLabel = "FILE",
                description = "labelled utterances, BANKING77 CSV (text,category) or CLINC150 JSON (default ${DEFAULT-VALUE})")
        Path train;

        @Option(names = "--utterances", defaultValue = "2000",
                description = "held-out utterances classified and timed (default ${DEFAULT-VALUE})")
        int utterances;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(BotBenchmark.run(DatasetReader.read(train, DatasetSplit.TRAIN), utterances));
            return 0;
        }
    }
}
