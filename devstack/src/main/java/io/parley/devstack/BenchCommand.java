package io.parley.devstack;

import io.parley.analytics.bench.AnalyticsBenchmark;
import io.parley.bot.bench.BotBenchmark;
import io.parley.bot.evaluation.DatasetReader;
import io.parley.bot.evaluation.DatasetSplit;
import io.parley.devstack.bench.EndToEndBenchmark;
import io.parley.devstack.bench.IngestBenchmark;
import io.parley.devstack.bench.LivePushBenchmark;
import io.parley.devstack.bench.RebuildBenchmark;
import io.parley.devstack.bench.RestartBenchmark;
import io.parley.devstack.up.DemoPlatform;
import io.parley.devstack.up.LocalPlatform;
import io.parley.devstack.up.PlatformService;
import io.parley.devstack.up.UpCommand;
import io.parley.routing.bench.RoutingBenchmark;
import io.parley.testkit.postgres.LocalPostgres;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Benchmarks that print figures; the last line of each is the summary tools parse. */
@Command(name = "bench", description = "Run a benchmark and print its figures.",
        subcommands = {BenchCommand.Routing.class, BenchCommand.Analytics.class, BenchCommand.Bot.class,
            BenchCommand.Ingest.class, BenchCommand.EndToEnd.class, BenchCommand.Rebuild.class,
            BenchCommand.Restart.class})
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

        @Option(names = "--end-to-end",
                description = {"then also start a broker, PostgreSQL and the analytics service and measure the push",
                    "latency from an event appended to the log to the live push a dashboard viewer receives; the last",
                    "line is then that measure's"})
        boolean endToEnd;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            out.println(AnalyticsBenchmark.run(events, tenants, rate, Duration.ofSeconds(seconds)));
            if (endToEnd) {
                out.flush();
                try (DemoPlatform platform = DemoPlatform.startOnly(UpCommand.repositoryRoot(), dataDir("analytics"),
                        Map.of("analytics", Map.of()), out)) {
                    out.println(LivePushBenchmark.run(platform.bootstrapServers(), platform.serviceUrl("analytics"),
                            tenants, rate, Duration.ofSeconds(seconds), out));
                }
            }
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

    /** Where a benchmark's own platform keeps its broker and logs: {@code .parley/bench/<name>}, emptied first. */
    static Path dataDir(String name) {
        return UpCommand.repositoryRoot().resolve(".parley").resolve("bench").resolve(name);
    }

    @Command(name = "ingest",
            description = {"Broker + ingest only: in one run, the bare endpoint of the server (the Meta handshake with a",
                "wrong token) and signed WhatsApp webhooks, each answered once Kafka acknowledged it (acks=all).",
                "Goal: signed >= 5,000/s and >= 25% of bare."})
    static class Ingest implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--seconds", defaultValue = "30", description = "how long to measure each load (default ${DEFAULT-VALUE})")
        int seconds;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (DemoPlatform platform = DemoPlatform.startOnly(UpCommand.repositoryRoot(), dataDir("ingest"),
                    Map.of("ingest", IngestBenchmark.ingestConfig("bench")), out)) {
                Duration warmUp = Duration.ofSeconds(Math.max(1, Math.min(5, seconds / 3)));
                out.println(IngestBenchmark.run(platform.serviceUrl("ingest"), warmUp, Duration.ofSeconds(seconds),
                        out));
            }
            return 0;
        }
    }

    @Command(name = "e2e",
            description = {"The whole platform with its demo tenant (started on free ports), driven by parley simulate at",
                "a fixed rate; latency is webhook due -> the bot's reply at the channel, drain_s how long after the",
                "last message every consumer group's lag is zero. Goal at 200/s: p50 <= 50 ms, p99 <= 250 ms,",
                "lost = duplicated = 0, drain <= 10 s; capacity (p99 < 1 s) >= 400/s."})
    static class EndToEnd implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--rate", defaultValue = "200", description = "messages/s (default ${DEFAULT-VALUE})")
        double rate;

        @Option(names = "--seconds", defaultValue = "60", description = "how long to send (default ${DEFAULT-VALUE})")
        int seconds;

        @Option(names = "--find-capacity",
                description = "step the rate up by half from --rate until p99 passes 1 s; report the highest rate within")
        boolean findCapacity;

        @Option(names = "--brokers", defaultValue = "1", description = "Kafka brokers, as `up` (default ${DEFAULT-VALUE})")
        int brokers;

        @Option(names = "--instances", defaultValue = "1",
                description = "processes per service, as `up`; with more than one broker or instance the platform"
                        + " takes `up`'s layout from gateway port " + CLUSTER_GATEWAY_PORT + " and Kafka port "
                        + CLUSTER_KAFKA_PORT + " (default ${DEFAULT-VALUE})")
        int instances;

        /** Where a cluster's layout starts: instances sit ten ports apart, so free ports picked one by one won't do. */
        static final int CLUSTER_GATEWAY_PORT = 18280;
        static final int CLUSTER_KAFKA_PORT = 19292;

        private DemoPlatform start(PrintWriter out) {
            if (brokers == 1 && instances == 1) {
                return DemoPlatform.start(UpCommand.repositoryRoot(), dataDir("e2e"), out);
            }
            return DemoPlatform.start(LocalPlatform.Settings.standard(UpCommand.repositoryRoot(), dataDir("e2e"),
                    CLUSTER_GATEWAY_PORT, CLUSTER_KAFKA_PORT, Map.of(),
                    LocalPlatform.Topology.of(brokers, instances, Map.of())).fresh("parley_bench"),
                    LocalPostgres.fromEnvironment(), out);
        }

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (DemoPlatform platform = start(out)) {
                EndToEndBenchmark.Target target = new EndToEndBenchmark.Target(platform.gatewayUrl(),
                        platform.graphArrivalsUrl(), platform.callbackArrivalsUrl(), platform.bootstrapServers(),
                        platform.platform().instanceUrls(PlatformService.BOT));
                out.println("warming up (the bot trains, the JIT compiles)…");
                out.flush();
                EndToEndBenchmark.warmUp(target, out, System.err);
                if (!findCapacity) {
                    EndToEndBenchmark.Step step = EndToEndBenchmark.measure(target, rate, Duration.ofSeconds(seconds),
                            System.err);
                    out.println(step.result().lines());
                    step.botDecisions().ifPresent(decisions -> out.println(decisions.line()));
                    out.println(step.line());
                    return 0;
                }
                Optional<EndToEndBenchmark.Step> capacity = EndToEndBenchmark.findCapacity(target, rate,
                        Duration.ofSeconds(seconds), out, System.err);
                out.println(capacity.map(step -> "capacity_per_s=" + step.line().substring("rate=".length()))
                        .orElse("capacity_per_s=0 (even " + rate + "/s had p99 >= 1 s or lost messages)"));
                return 0;
            }
        }
    }

    @Command(name = "rebuild",
            description = {"Broker + ticket only: appends a log of conversations, lets the ticket service project it, then",
                "rebuilds the projection from offset 0 and, in the same run, reads the same records with a raw",
                "consumer. Goal: >= 50,000 events/s and >= 10% of the raw read."})
    static class Rebuild implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--events", defaultValue = "1000000", description = "events in the log (default ${DEFAULT-VALUE})")
        int events;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            // The log's conversations are history, so each one's timers (a CSAT request on solving, idle reminders)
            // are due at once: the timer worker would append them all while the projection is being measured and the
            // log would not stop growing. The benchmark measures the projection alone, so the worker waits an hour.
            try (DemoPlatform platform = DemoPlatform.startOnly(UpCommand.repositoryRoot(), dataDir("rebuild"),
                    Map.of("ticket", Map.of("parley.timers.poll-interval", "1h")), out)) {
                out.println(RebuildBenchmark.run(platform.bootstrapServers(), platform.serviceUrl("ticket"), events,
                        out));
            }
            return 0;
        }
    }

    @Command(name = "restart",
            description = {"Broker + the service only (bot or routing): appends a log of conversations while it is stopped,",
                "moves its group to the end (as if it had handled them), then starts it twice (first start, restart), each",
                "until ready and until it answers a new customer's request for a person. Issue 14: restart cost should",
                "follow active conversations, not history."})
    static class Restart implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--service", defaultValue = "bot",
                description = "bot (conversation-events, its memory checkpoint) or routing (routing-work, its"
                        + " snapshots); default ${DEFAULT-VALUE}")
        String service;

        @Option(names = "--events", defaultValue = "1000000", description = "events in the log (default ${DEFAULT-VALUE})")
        int events;

        @Option(names = "--without-checkpoint",
                description = "never checkpoint (the bot's memory, routing's snapshots): every start folds the log from"
                        + " its beginning (the service before its checkpoints)")
        boolean withoutCheckpoint;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            RestartBenchmark.Subject subject = switch (service) {
                case "bot" -> RestartBenchmark.Subject.BOT;
                case "routing" -> RestartBenchmark.Subject.ROUTING;
                default -> throw new ParameterException(spec.commandLine(),
                        "--service is bot or routing, not " + service);
            };
            // With checkpoints, one after every batch: the first start's checkpoint is then written right after it
            // answers, and the restart is measured from it.
            try (DemoPlatform platform = DemoPlatform.startOnly(UpCommand.repositoryRoot(), dataDir("restart"),
                    Map.of(subject.service().name(), subject.settings(!withoutCheckpoint)), out)) {
                out.println(RestartBenchmark.run(platform.platform(), subject, events, !withoutCheckpoint, out));
            }
            return 0;
        }
    }
}
