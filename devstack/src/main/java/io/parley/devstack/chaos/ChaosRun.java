package io.parley.devstack.chaos;

import io.parley.devstack.bench.EndToEndBenchmark;
import io.parley.devstack.simulate.Mix;
import io.parley.devstack.simulate.Schedule;
import io.parley.devstack.simulate.Simulation;
import io.parley.devstack.up.DemoPlatform;
import io.parley.devstack.up.LocalPlatform;
import io.parley.devstack.up.PlatformService;
import io.parley.events.Topics;
import io.parley.testkit.graph.FakeGraphApi;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
    /** Every this many customer messages, a burst (bursts). */
    private static final int BURST_EVERY = 10;
    /** The services that read {@code conversation-events} and park what they cannot read (poison-graph). */
    private static final List<String> PARKING_SERVICES = List.of("ticket", "bot", "analytics", "ingest");
    /** One send in this many is refused 429, one answered 500, one held back (poison-graph). */
    private static final int GRAPH_FAULT_EVERY = 25;
    /** Past ingest's Graph timeout ({@code parley.ingest.graph.timeout}, 10 s): a held send's outcome is unknown. */
    private static final Duration GRAPH_STALL = Duration.ofSeconds(12);

    private final DemoPlatform platform;
    private final TcpProxy postgres;
    private final ProjectionAdmin projection;
    private final Settings settings;
    private final PrintStream progress;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The poison records of the last poison-graph scenario. */
    private volatile List<byte[]> poison = List.of();

    private ChaosRun(DemoPlatform platform, TcpProxy postgres, Settings settings, PrintStream progress) {
        this.platform = platform;
        this.postgres = postgres;
        this.projection = new ProjectionAdmin(platform.gatewayUrl());
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * Starts the platform and warms it up as {@code bench e2e} does: a fresh one trains the demo tenant's bot during
     * its first minute (longer on a busy machine), and a scenario's fault would otherwise fall while every answer
     * still waits for that, leaving the scenario little traffic to reconcile.
     */
    static ChaosRun start(LocalPlatform.Settings layout, Settings settings, PrintWriter out, PrintStream progress)
            throws Exception {
        LocalPostgres real = LocalPostgres.fromEnvironment();
        TcpProxy proxy = TcpProxy.start(real.host(), real.port());
        ChaosRun run;
        try {
            DemoPlatform platform = DemoPlatform.start(layout,
                    new LocalPostgres(FreePorts.LOOPBACK, proxy.port(), real.user(), real.password()), out);
            run = new ChaosRun(platform, proxy, settings, progress);
        } catch (RuntimeException e) {
            proxy.close();
            throw e;
        }
        try {
            out.println("warming up: customers at 5/s until the bot answers within a second");
            out.flush();
            EndToEndBenchmark.warmUp(run.target(), out, progress);
            return run;
        } catch (Exception e) {
            run.close();
            throw e;
        }
    }

    ScenarioResult run(Scenario scenario) throws Exception {
        try (Copies copies = copies(scenario); Bursts bursts = new Bursts(BURST_EVERY, settings.seed());
             TopicProbe probe = new TopicProbe(platform.bootstrapServers())) {
            TopicMark from = probe.mark(Topics.CONVERSATION_EVENTS);
            double rate = scenario == Scenario.PEAK ? PEAK_FACTOR * settings.rate() : settings.rate();
            Simulation.Settings traffic = new Simulation.Settings(new Schedule(rate, settings.duration()),
                    Mix.parse(Mix.DEFAULT), Math.max(settings.contacts(), (int) (rate * 10)), LANGUAGES,
                    settings.seed(), 0, ANSWER_WAIT, scenario == Scenario.BURSTS ? bursts : copies);
            AtomicReference<Instant> faultAt = new AtomicReference<>();
            AtomicReference<Exception> faultFailed = new AtomicReference<>();
            Thread fault = new Thread(() -> {
                try {
                    Thread.sleep(settings.duration().dividedBy(4).toMillis());
                    faultAt.set(Instant.now());
                    inject(scenario, probe);
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
            List<String> found = new ArrayList<>();
            if (faultFailed.get() != null) {
                found.add("the fault could not be injected or healed: " + faultFailed.get());
            }
            ScenarioResult.Extra own = switch (scenario) {
                case BURSTS -> burstsAnswered(bursts, probe, from, runId);
                case POISON_GRAPH -> poisonAndGraph(probe, from, runId);
                default -> ScenarioResult.Extra.NONE;
            };
            LogAudit.Logged logged = LogAudit.logged(LogAudit.events(probe, from,
                    probe.mark(Topics.CONVERSATION_EVENTS), runId), runId);
            Set<String> projected = awaitProjected(logged.eventIds().keySet(), copies.forgedIds(), runId);
            if (scenario == Scenario.REBUILD) {
                compareWithRebuildAtRest().ifPresent(found::add);
            }
            ScenarioResult.Extra extra = own.withProblems(found);
            OptionalLong faultMicros = faultAt.get() == null || !faults(scenario) ? OptionalLong.empty()
                    : OptionalLong.of(micros(faultAt.get()));
            return ScenarioResult.reconcile(scenario, step, copies, logged, projected, faultMicros, extra);
        }
    }

    /**
     * The bursts written, once every one of their acknowledged messages was answered (or {@link #ANSWER_WAIT} is
     * over), reconciled against the log.
     */
    private ScenarioResult.Extra burstsAnswered(Bursts bursts, TopicProbe probe, TopicMark from, String runId)
            throws InterruptedException {
        List<Bursts.Burst> written = bursts.written(ANSWER_WAIT);
        long deadline = System.nanoTime() + ANSWER_WAIT.toNanos();
        BurstAudit.Result audit;
        do {
            audit = BurstAudit.audit(written, LogAudit.events(probe, from, probe.mark(Topics.CONVERSATION_EVENTS),
                    runId));
            if (audit.lost() == 0) {
                break;
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        int largest = written.stream().mapToInt(burst -> burst.messageIds().size()).max().orElse(0);
        return new ScenarioResult.Extra(bursts.sent(), bursts.acknowledged(), audit.answered(), audit.lost(),
                audit.duplicated(), audit.problems(), List.of(written.size() + " bursts (largest " + largest
                + " messages): " + audit.logged() + " burst messages logged, " + audit.answered() + " answered"));
    }

    /**
     * After poison records and Graph API faults: every consumer of {@code conversation-events} parked each poison
     * record in its dead-letter topic (waited for up to {@link #PROJECTION_WAIT}); notes what the fake Graph API
     * injected and which deliveries the log records as failed.
     */
    private ScenarioResult.Extra poisonAndGraph(TopicProbe probe, TopicMark from, String runId)
            throws InterruptedException {
        List<String> found = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long deadline = System.nanoTime() + PROJECTION_WAIT.toNanos();
        for (String service : PARKING_SERVICES) {
            String deadLetters = Topics.deadLetter(Topics.CONVERSATION_EVENTS, service);
            long parked = 0;
            while (true) {
                parked = poisonParked(probe, deadLetters);
                if (parked >= poison.size() || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(1000);
            }
            notes.add(deadLetters + ": " + parked + " of the " + poison.size() + " poison records");
            if (parked < poison.size()) {
                found.add(service + " parked " + parked + " of the " + poison.size() + " poison records in "
                        + deadLetters);
            }
        }
        FakeGraphApi.FaultCounts injected = platform.platform().graph().faultCounts();
        notes.add(0, "Graph API faults injected: " + injected.rateLimited() + " sends refused 429, "
                + injected.serverErrors() + " taken and answered 500, " + injected.stalled() + " taken and held "
                + GRAPH_STALL.toSeconds() + " s");
        notes.add(1, "deliveries the log records as failed: " + LogAudit.failedDeliveries(LogAudit.events(probe, from,
                probe.mark(Topics.CONVERSATION_EVENTS), runId)));
        return new ScenarioResult.Extra(0, 0, 0, 0, 0, List.copyOf(found), List.copyOf(notes));
    }

    /** How many of this run's poison records the dead-letter topic holds (0 while it does not exist). */
    private long poisonParked(TopicProbe probe, String deadLetters) {
        try {
            return probe.between(probe.beginning(deadLetters), probe.mark(deadLetters)).stream()
                    .filter(record -> poison.stream().anyMatch(bad -> Arrays.equals(bad, record.value())))
                    .map(record -> new String(record.value(), StandardCharsets.ISO_8859_1)).distinct().count();
        } catch (RuntimeException notThereYet) {
            return 0;
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
            case KILL_INSTANCE, KILL_LEADER, POISON_GRAPH, POSTGRES_DOWN, REBALANCE, REBUILD -> true;
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
    private void inject(Scenario scenario, TopicProbe probe) throws Exception {
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
            case POISON_GRAPH -> {
                poison = poisonRecords();
                for (byte[] record : poison) {
                    probe.append(Topics.CONVERSATION_EVENTS, "chaos-poison", record);
                }
                FakeGraphApi graph = local.graph();
                graph.faults(new FakeGraphApi.SendFaults(GRAPH_FAULT_EVERY, GRAPH_STALL));
                try {
                    Thread.sleep(settings.duration().multipliedBy(3).dividedBy(4).toMillis());
                } finally {
                    graph.faults(FakeGraphApi.SendFaults.NONE);
                }
            }
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

    /**
     * Records no consumer can read, unique to this moment: bytes that are not JSON, and a CloudEvent cut off in the
     * middle.
     */
    private static List<byte[]> poisonRecords() {
        String mark = "chaos-poison-" + System.currentTimeMillis();
        return List.of(("\u0000\u00ff not an event " + mark).getBytes(StandardCharsets.UTF_8),
                ("{\"specversion\":\"1.0\",\"id\":\"" + mark + "\",\"type\":\"parley.message.rec")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private EndToEndBenchmark.Target target() {
        return new EndToEndBenchmark.Target(platform.gatewayUrl(), platform.graphArrivalsUrl(),
                platform.callbackArrivalsUrl(), platform.bootstrapServers(),
                platform.platform().instanceUrls(PlatformService.BOT));
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
