package io.parley.devstack.up;

import io.parley.events.Topics;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "up",
        description = {"Start Parley locally until Ctrl-C: a real Kafka broker, the services, a gateway.",
            "Needs PostgreSQL at 127.0.0.1:5432 (or PARLEY_PG_HOST/PORT/USER/PASSWORD).",
            "./parley builds the services first. Channels are added at run time",
            "through /api/v1/admin/channels (docs/api.md); static ones reach ingest as",
            "environment variables, e.g. PARLEY_CHANNELS_WHATSAPP_APP_SECRET."})
public class UpCommand implements Callable<Integer> {

    /** Set by the {@code parley} script: the repository whose packaged services run. */
    static final String HOME_PROPERTY = "parley.home";

    @Spec
    CommandSpec spec;

    @Option(names = "--demo", description = "seed a demo tenant (team, agents, web-widget channel, knowledge base,"
            + " flow) and print agent tokens and a walkthrough")
    boolean demo;

    @Option(names = "--gateway-port", defaultValue = "8080",
            description = "the gateway's port; the services take the next five, the fake Graph API the one after"
                    + " and the demo's widget inbox the next (default: ${DEFAULT-VALUE})")
    int gatewayPort;

    @Option(names = "--kafka-port", defaultValue = "9092",
            description = "the broker's port; its controller takes the next one (default: ${DEFAULT-VALUE})")
    int kafkaPort;

    @Option(names = "--brokers", defaultValue = "1",
            description = "Kafka brokers (KRaft, each also a controller) on the ports from --kafka-port on, two each;"
                    + " with 3 or more, topics have 3 replicas, min.insync.replicas=2 and no unclean leader election"
                    + " (default: ${DEFAULT-VALUE})")
    int brokers;

    @Option(names = "--instances", defaultValue = "1",
            description = "processes per service, each service's in its one consumer group; the gateway takes them in"
                    + " turn. Instance n listens 10 ports after instance n-1 (default: ${DEFAULT-VALUE})")
    int instances;

    @Option(names = "--partitions", paramLabel = "TOPIC=N",
            description = "a topic's partitions when it is created (repeatable); default Topics.partitions:"
                    + " conversation-events and routing-work 12, webhooks-raw 6, agent-events and analytics-snapshots"
                    + " 3, workspace-events 1. A topic that exists keeps its partitions")
    Map<String, Integer> partitions = new HashMap<>();

    @Option(names = "--data-dir", description = "the broker's data and the services' logs (default: .parley/ in the"
            + " repository)")
    Path dataDir;

    /**
     * The repository whose packaged services run: set by {@code ./parley}; else the working directory, or its parent
     * when that is a module (a test running in {@code devstack/}).
     */
    public static Path repositoryRoot() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        Path here = Path.of("").toAbsolutePath();
        return (Files.isDirectory(here.resolve("devstack")) ? here : here.getParent()).normalize();
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Path root = repositoryRoot();
        Path data = dataDir != null ? dataDir : root.resolve(".parley");
        LocalPlatform.Topology topology = topology();
        DemoTenant demoTenant = demo ? DemoTenant.start(gatewayPort + DemoTenant.INBOX_PORT_OFFSET) : null;
        LocalPlatform platform = new LocalPlatform(LocalPlatform.Settings.standard(root, data, gatewayPort, kafkaPort,
                Map.of(), topology), out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("stopping Parley…");
            out.flush();
            platform.close();
            if (demoTenant != null) {
                demoTenant.close();
            }
            stopped.countDown();
        }, "parley-up-stop"));
        try {
            platform.start();
            if (demo) {
                demoTenant.seed(platform.gatewayUrl());
                out.println(demoTenant.instructions(platform.gatewayUrl(), platform.graphArrivalsUrl()));
            }
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("parley up: " + e.getMessage());
            return 1;
        }
        out.println("Parley is up at " + platform.gatewayUrl() + " (logs in " + data.resolve("logs")
                + "). Ctrl-C stops everything.");
        out.flush();
        stopped.await();
        return 0;
    }

    /** Every topic of {@link Topics#ALL} at its production partitions, unless --partitions says otherwise. */
    private LocalPlatform.Topology topology() {
        partitions.keySet().stream().filter(topic -> !Topics.ALL.contains(topic)).findFirst().ifPresent(topic -> {
            throw new ParameterException(spec.commandLine(), "--partitions names no topic of Parley's: " + topic
                    + " (they are " + String.join(", ", Topics.ALL) + ")");
        });
        try {
            return LocalPlatform.Topology.of(brokers, instances, partitions);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
