package io.parley.devstack.chaos;

import io.parley.devstack.bench.EndToEndBenchmark;
import io.parley.devstack.simulate.Mix;
import io.parley.devstack.simulate.Schedule;
import io.parley.devstack.simulate.Simulation;
import io.parley.devstack.up.DemoPlatform;
import io.parley.devstack.up.LocalPlatform;
import io.parley.devstack.up.PlatformService;
import io.parley.events.Topics;
import io.parley.testkit.kafka.KafkaBrokerProcess;
import io.parley.testkit.kafka.KafkaCluster;
import io.parley.testkit.kafka.TopicMark;
import io.parley.testkit.kafka.TopicProbe;
import io.parley.testkit.net.TcpProxy;
import io.parley.testkit.postgres.LocalPostgres;
import io.parley.testkit.process.FreePorts;
import io.parley.testkit.quarkus.QuarkusAppProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The platform {@code parley chaos} breaks: every service (the layout's brokers and instances), the demo tenant, and
 * a TCP proxy between the services and PostgreSQL (so that PostgreSQL can go away for them without stopping the
 * machine's, which others use). Runs one scenario at a time: simulated traffic, the scenario's fault a quarter into
 * it, then the reconciliation ({@link ScenarioResult}).
 */
final class ChaosRun implements AutoCloseable {

    /** The traffic of each scenario; {@code outage} is how long PostgreSQL stays away. */
    record Settings(double rate, Duration duration, Duration outage, int contacts, long seed) {
    }

    private static final List<String> LANGUAGES = List.of("en", "es", "zh", "ru");
    /** After the last message: answers still due (a restarted service catches up first). */
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(60);
    /** How long the ticket projection may take to show what is in the log. */
    private static final Duration PROJECTION_WAIT = Duration.ofSeconds(60);
    private static final int PEAK_FACTOR = 10;
    /**
     * Whose groups the rebalance scenario changes: the bot's (a reply answered twice would show) and ingest's (its
     * outbound sender: a reply sent twice would show). Each more instance takes a JVM start on these two cores.
     */
    private static final List<PlatformService> REBALANCED = List.of(PlatformService.BOT, PlatformService.INGEST);

    private final DemoPlatform platform;
    private final TcpProxy postgres;
    private final ProjectionAdmin projection;
    private final Settings settings;
    private final PrintStream progress;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ChaosRun(DemoPlatform platform, TcpProxy postgres, Settings settings, PrintStream progress) {
        this.platform = platform;
        this.postgres = postgres;
        this.projection = new ProjectionAdmin(platform.gatewayUrl());
        this.settings = settings;
        this.progress = progress;
    }

    static ChaosRun start(LocalPlatform.Settings layout, Settings settings, PrintWriter out, PrintStream progress) {
        LocalPostgres real = LocalPostgres.fromEnvironment();
        TcpProxy proxy = TcpProxy.start(real.host(), real.port());
        try {
            DemoPlatform platform = DemoPlatform.start(layout,
                    new LocalPostgres(FreePorts.LOOPBACK, proxy.port(), real.user(), real.password()), out);
            return new ChaosRun(platform, proxy, settings, progress);
        } catch (RuntimeException e) {
            proxy.close();
            throw e;
        }
    }

    ScenarioResult run(Scenario scenario) throws Exception {
        try (Copies copies = copies(scenario); TopicProbe probe = new TopicProbe(platform.bootstrapServers())) {
            TopicMark from = probe.mark(Topics.CONVERSATION_EVENTS);
            double rate = scenario == Scenario.PEAK ? PEAK_FACTOR * settings.rate() : settings.rate();
            Simulation.Settings traffic = new Simulation.Settings(new Schedule(rate, settings.duration()),
                    Mix.parse(Mix.DEFAULT), Math.max(settings.contacts(), (int) (rate * 10)), LANGUAGES,
                    settings.seed(), 0, ANSWER_WAIT, copies);
            AtomicReference<Instant> faultAt = new AtomicReference<>();
            AtomicReference<Exception> faultFailed = new AtomicReference<>();
            Thread fault = new Thread(() -> {
                try {
                    Thread.sleep(settings.duration().dividedBy(4).toMillis());
                    faultAt.set(Instant.now());
                    inject(scenario);
                } catch (Exception e) {
                    faultFailed.set(e);
                }
            }, "chaos-fault");
            fault.setDaemon(true);
            fault.start();
            EndToEndBenchmark.Step step;
            try {
                step = EndToEndBenchmark.measure(target(), rate, traffic, progress);
            } finally {
                fault.join();
            }
            String runId = step.result().runId();
            LogAudit.Logged logged = LogAudit.logged(probe, from, probe.mark(Topics.CONVERSATION_EVENTS), runId);
            Set<String> projected = awaitProjected(logged.eventIds().keySet(), copies.forgedIds(), runId);
            List<String> found = new ArrayList<>();
            if (faultFailed.get() != null) {
                found.add("the fault could not be injected or healed: " + faultFailed.get());
            }
            if (scenario == Scenario.REBUILD) {
                compareWithRebuildAtRest().ifPresent(found::add);
            }
            OptionalLong faultMicros = faultAt.get() == null || !faults(scenario) ? OptionalLong.empty()
                    : OptionalLong.of(micros(faultAt.get()));
            return ScenarioResult.reconcile(scenario, step, copies, logged, projected, faultMicros, found);
        }
    }

    /**
     * After a rebuild during traffic: once the projection is still (the same hash twice, a second apart), a rebuild
     * at rest must arrive at the same state hash.
     */
    private Optional<String> compareWithRebuildAtRest() throws IOException, InterruptedException {
        String settled = projection.hash();
        long deadline = System.nanoTime() + PROJECTION_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            String again = projection.hash();
            if (again.equals(settled)) {
                break;
            }
            settled = again;
        }
        String rebuilt = projection.rebuild();
        return rebuilt.equals(settled) ? Optional.empty() : Optional.of("the projection's state hash after the"
                + " rebuild during traffic (" + settled + ") differs from a rebuild at rest (" + rebuilt + ")");
    }

    private static boolean faults(Scenario scenario) {
        return switch (scenario) {
            case KILL_INSTANCE, KILL_LEADER, POSTGRES_DOWN, REBALANCE, REBUILD -> true;
            default -> false;
        };
    }

    private Copies copies(Scenario scenario) {
        return switch (scenario) {
            case DUPLICATES -> Copies.duplicates(settings.duration().dividedBy(2), settings.duration());
            case BAD_SIGNATURES -> Copies.forgeries(4);
            default -> Copies.none();
        };
    }

    /** The scenario's fault, returning once the platform is whole again. */
    private void inject(Scenario scenario) throws Exception {
        LocalPlatform local = platform.platform();
        switch (scenario) {
            case KILL_INSTANCE -> {
                List<QuarkusAppProcess> victims = PlatformService.ALL.stream()
                        .map(service -> local.instances(service).get(0)).toList();
                victims.forEach(QuarkusAppProcess::kill);
                // as an orchestrator would: each killed process is started again
                victims.forEach(QuarkusAppProcess::start);
            }
            case KILL_LEADER -> {
                if (!(local.kafka() instanceof KafkaCluster cluster) || cluster.nodes().size() < 3) {
                    throw new IllegalStateException("kill-leader needs a cluster of at least three brokers"
                            + " (--brokers 3)");
                }
                KafkaBrokerProcess leader = cluster.nodes().get(leaderOf(Topics.CONVERSATION_EVENTS) - 1);
                leader.kill();
                leader.start();
            }
            case POSTGRES_DOWN -> {
                postgres.cut();
                try {
                    Thread.sleep(settings.outage().toMillis());
                } finally {
                    postgres.restore();
                }
            }
            case REBUILD -> projection.rebuild();
            case REBALANCE -> {
                List<QuarkusAppProcess> added = REBALANCED.stream().map(local::addInstance).toList();
                Thread.sleep(settings.duration().dividedBy(4).toMillis());
                added.forEach(local::removeInstance);
            }
            default -> {
                // the scenario's fault is in its traffic
            }
        }
    }

    /** The node id of the leader of the topic's partition 0. */
    private int leaderOf(String topic) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        try (Admin admin = Admin.create(properties)) {
            return admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().get(0)
                    .leader().id();
        }
    }

    /** The run's messages the ticket projection holds, once it holds every logged one (or the wait is over). */
    private Set<String> awaitProjected(Set<String> logged, Set<String> forged, String runId)
            throws InterruptedException {
        long deadline = System.nanoTime() + PROJECTION_WAIT.toNanos();
        while (true) {
            Set<String> projected = LogAudit.projected(platform.platform().database(PlatformService.TICKET), runId);
            boolean complete = logged.stream().filter(id -> !forged.contains(id)).allMatch(projected::contains);
            if (complete || System.nanoTime() > deadline) {
                return projected;
            }
            Thread.sleep(500);
        }
    }

    private EndToEndBenchmark.Target target() {
        return new EndToEndBenchmark.Target(platform.gatewayUrl(), platform.graphArrivalsUrl(),
                platform.callbackArrivalsUrl(), platform.bootstrapServers());
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    /** Stops everything and drops the databases, once (the command's end or its shutdown hook). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            platform.close();
        } finally {
            postgres.close();
        }
    }
}
