package io.parley.devstack.chaos;

import io.parley.devstack.simulate.SimulateCommand;
import io.parley.devstack.up.LocalPlatform;
import io.parley.devstack.up.UpCommand;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "chaos",
        description = {"The fault suite: starts Parley (brokers, instances, the demo tenant) on ports of its own,",
            "drives it with the simulator and breaks it, one scenario after the other; reconciles what was sent and",
            "acknowledged against conversation-events, the ticket projection and what reached the channels.",
            "One line per scenario; exits 1 on any loss, any duplicate or a 200 without a durable write.",
            "Scenarios (default all): duplicates, bad-signatures, kill-instance, kill-leader, poison-graph, bursts,",
            "postgres-down, rebalance, rebuild, peak."})
public class ChaosCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", arity = "0..*", description = "scenarios to run, in order (default: all)")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--brokers", defaultValue = "3", description = "Kafka brokers (default: ${DEFAULT-VALUE})")
    int brokers;

    @Option(names = "--instances", defaultValue = "2", description = "processes per service (default: ${DEFAULT-VALUE})")
    int instances;

    @Option(names = "--rate", defaultValue = "5",
            description = "customer messages per second (peak: ten times); what two cores carry with three brokers and"
                    + " two instances of everything (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--duration", defaultValue = "60s", converter = SimulateCommand.DurationConverter.class,
            description = "traffic per scenario; the fault comes a quarter into it (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--outage", defaultValue = "30s", converter = SimulateCommand.DurationConverter.class,
            description = "how long PostgreSQL stays away in postgres-down (default: ${DEFAULT-VALUE})")
    Duration outage;

    @Option(names = "--contacts", defaultValue = "200", description = "customers at a time (default: ${DEFAULT-VALUE})")
    int contacts;

    @Option(names = "--seed", defaultValue = "1", description = "the same seed, the same traffic (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--gateway-port", defaultValue = "18080",
            description = "the gateway's port, the services' after it as in `up` (default: ${DEFAULT-VALUE})")
    int gatewayPort;

    @Option(names = "--kafka-port", defaultValue = "19092", description = "the first broker's port (default: ${DEFAULT-VALUE})")
    int kafkaPort;

    @Option(names = "--data-dir", description = "brokers' data and logs, emptied first (default: .parley/chaos)")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        List<Scenario> chosen = chosen();
        PrintWriter out = spec.commandLine().getOut();
        Path root = UpCommand.repositoryRoot();
        LocalPlatform.Topology topology;
        try {
            topology = LocalPlatform.Topology.of(brokers, instances, Map.of());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        LocalPlatform.Settings layout = LocalPlatform.Settings.standard(root,
                dataDir != null ? dataDir : root.resolve(".parley").resolve("chaos"), gatewayPort, kafkaPort, Map.of(),
                topology).fresh("parley_chaos");
        boolean failed = false;
        ChaosRun run;
        try {
            run = ChaosRun.start(layout, new ChaosRun.Settings(rate, duration, outage, contacts, seed), out, System.err);
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("parley chaos: " + e.getMessage());
            return 1;
        }
        // Ctrl-C stops the platform and drops its databases too
        Thread stop = new Thread(run::close, "parley-chaos-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            for (Scenario scenario : chosen) {
                out.println("scenario " + scenario.wireName() + ": " + scenario.description());
                out.flush();
                ScenarioResult result = run.run(scenario);
                result.notes().forEach(note -> out.println("  note: " + note));
                result.problems().forEach(problem -> out.println("  problem: " + problem));
                out.println(result.line());
                out.flush();
                failed |= result.failed();
            }
        } finally {
            run.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran: nothing to remove
            }
        }
        return failed ? 1 : 0;
    }

    private List<Scenario> chosen() {
        if (scenarios.isEmpty()) {
            return Scenario.all();
        }
        List<Scenario> chosen = new ArrayList<>();
        for (String name : scenarios) {
            chosen.add(Scenario.named(name).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "No scenario " + name + "; they are " + Scenario.names())));
        }
        return chosen;
    }
}
