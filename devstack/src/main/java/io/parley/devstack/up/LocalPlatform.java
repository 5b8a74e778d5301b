package io.parley.devstack.up;

import io.parley.bot.BotChannels;
import io.parley.events.Topics;
import io.parley.testkit.graph.FakeGraphApi;
import io.parley.testkit.kafka.KafkaBrokerProcess;
import io.parley.testkit.kafka.KafkaCluster;
import io.parley.testkit.kafka.LocalKafka;
import io.parley.testkit.kafka.SharedKafka;
import io.parley.testkit.postgres.DatabaseCoordinates;
import io.parley.testkit.postgres.LocalPostgres;
import io.parley.testkit.process.FreePorts;
import io.parley.testkit.quarkus.QuarkusAppProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Parley on one machine: a real Kafka broker (KRaft, its own JVM, data under {@code <dataDir>/kafka}) or a cluster of
 * several ({@code <dataDir>/kafka-<n>-brokers}), every service's packaged application in a JVM of its own, or several
 * per service in its one consumer group (logs under {@code <dataDir>/logs/<service>[-<instance>]}, heap capped by
 * {@link ServiceHeap}), each with its
 * PostgreSQL database (created when missing, kept across runs), the gateway in front, taking a service's instances in
 * turn, and a fake Graph API that ingest sends the
 * Meta channels' replies to (nothing leaves the machine; {@code parley simulate} reads what arrived there).
 * {@link #close()} stops the gateway, then the services together, then the broker; the children also end by themselves
 * when this JVM dies.
 */
public final class LocalPlatform implements AutoCloseable {

    private final Settings settings;
    private final PrintWriter progress;
    private final LocalPostgres postgres;
    private final List<QuarkusAppProcess> services = new ArrayList<>();
    private final Map<PlatformService, List<QuarkusAppProcess>> instancesByService = new HashMap<>();
    private final Map<PlatformService, Map<String, String>> configs = new HashMap<>();
    private final List<DatabaseCoordinates> databases = new ArrayList<>();
    private final List<String> serviceJvmOptions = ServiceHeap.jvmOptions(System.getenv());
    private LocalKafka kafka;
    private FakeGraphApi graph;
    private Gateway gateway;

    /**
     * The Graph API version in ingest's base URL, as in production. WhatsApp sends are spaced per number to the Cloud
     * API's upgraded tier (1,000/s) instead of the default tier's 80/s: the fake Graph API has no limit, and the demo
     * has one number for all of {@code parley simulate}'s traffic.
     */
    private static final String GRAPH_VERSION = "/v23.0";
    private static final String WHATSAPP_PER_SECOND = "1000";

    /**
     * @param repositoryRoot   where the modules' packaged applications are ({@code <module>/target/quarkus-app})
     * @param dataDir          the broker's data and the services' logs
     * @param gatewayPort      the gateway's port
     * @param servicePorts     each service's HTTP port; only these services run
     * @param kafkaPort        the broker's client port
     * @param controllerPort   the port of the broker's KRaft controller
     * @param graphPort        the fake Graph API's port (0: any free one)
     * @param databasePrefix   databases are {@code <prefix>_bot}, {@code <prefix>_ticket}, {@code <prefix>_analytics}
     * @param extraConfig      further config per service (system properties), such as the channels ingest serves
     * @param topology         how many brokers and instances, and each topic's partitions
     */
    public record Settings(Path repositoryRoot, Path dataDir, int gatewayPort, Map<PlatformService, Integer> servicePorts,
                           int kafkaPort, int controllerPort, int graphPort, String databasePrefix,
                           Map<PlatformService, Map<String, String>> extraConfig, Topology topology) {

        /** The fake Graph API's port after the services': 8086 beside the gateway's 8080. */
        public static final int GRAPH_PORT_OFFSET = 6;

        /**
         * DESIGN §4's layout: the services on the ports after the gateway's (further instances ten ports on each),
         * then the fake Graph API, the controller after the broker's (further brokers on the next pairs of ports).
         */
        public static Settings standard(Path repositoryRoot, Path dataDir, int gatewayPort, int kafkaPort,
                                        Map<PlatformService, Map<String, String>> extraConfig, Topology topology) {
            Map<PlatformService, Integer> ports = new HashMap<>();
            PlatformService.ALL.forEach(service -> ports.put(service, gatewayPort + service.portOffset()));
            return new Settings(repositoryRoot, dataDir, gatewayPort, ports, kafkaPort, kafkaPort + 1,
                    gatewayPort + GRAPH_PORT_OFFSET, "parley", extraConfig, topology);
        }

        /**
         * A platform of its own for a test or a benchmark: these services on free ports, a fresh broker under
         * {@code dataDir} (emptied first: message ids are deterministic, so an earlier run's log would make this run's
         * messages duplicates), databases {@code <prefix>_<pid>_…} (drop them with {@link #dropDatabases()}).
         */
        public static Settings throwaway(Path repositoryRoot, Path dataDir, List<PlatformService> services,
                                         String databasePrefix, Map<PlatformService, Map<String, String>> extraConfig) {
            deleteRecursively(dataDir);
            List<Integer> ports = FreePorts.onLoopback(3 + services.size());
            Map<PlatformService, Integer> servicePorts = new HashMap<>();
            for (int i = 0; i < services.size(); i++) {
                servicePorts.put(services.get(i), ports.get(3 + i));
            }
            return new Settings(repositoryRoot, dataDir, ports.get(0), servicePorts, ports.get(1), ports.get(2), 0,
                    databasePrefix + "_" + ProcessHandle.current().pid(), extraConfig, Topology.single());
        }

        /**
         * This layout with a fresh data directory (emptied first, as {@link #throwaway} does) and throwaway databases
         * {@code <prefix>_<pid>_…}: a fault run ({@code parley chaos}) on ports of its choosing.
         */
        public Settings fresh(String prefix) {
            deleteRecursively(dataDir);
            return new Settings(repositoryRoot, dataDir, gatewayPort, servicePorts, kafkaPort, controllerPort, graphPort,
                    prefix + "_" + ProcessHandle.current().pid(), extraConfig, topology);
        }

        List<PlatformService> services() {
            return PlatformService.ALL.stream().filter(servicePorts::containsKey).toList();
        }

        String database(PlatformService service) {
            return databasePrefix + "_" + service.database().orElseThrow();
        }

        /** Every instance's port: the service's own, then {@link #INSTANCE_PORT_STEP} further for each next one. */
        List<Integer> instancePorts(PlatformService service) {
            return IntStream.range(0, topology.instances())
                    .mapToObj(instance -> servicePorts.get(service) + instance * INSTANCE_PORT_STEP).toList();
        }

        List<Integer> kafkaPorts() {
            return topology.brokers() == 1 ? List.of(kafkaPort, controllerPort)
                    : KafkaCluster.ports(topology.brokers(), kafkaPort);
        }
    }

    /**
     * The shape of the platform.
     *
     * @param brokers    Kafka nodes (each broker and controller); three or more replicate every topic three times
     *                   with {@code min.insync.replicas=2}
     * @param instances  processes per service, each service's in its one consumer group
     * @param partitions each topic's partitions (topics that exist keep theirs)
     */
    public record Topology(int brokers, int instances, Map<String, Integer> partitions) {

        public Topology {
            if (brokers < 1 || instances < 1) {
                throw new IllegalArgumentException("At least one broker and one instance, not " + brokers + " and "
                        + instances);
            }
            partitions = Map.copyOf(partitions);
        }

        /** Every topic of {@link Topics#ALL} at its production partitions unless {@code partitions} says otherwise. */
        public static Topology of(int brokers, int instances, Map<String, Integer> partitions) {
            Map<String, Integer> byTopic = new HashMap<>();
            Topics.ALL.forEach(topic -> byTopic.put(topic, partitions.getOrDefault(topic, Topics.partitions(topic))));
            return new Topology(brokers, instances, byTopic);
        }

        /** One broker, one instance each, the tests' partitions. */
        public static Topology single() {
            return new Topology(1, 1, SharedKafka.TOPICS);
        }
    }

    /** How far a service's next instance's port is from the previous one's. */
    static final int INSTANCE_PORT_STEP = 10;

    public LocalPlatform(Settings settings, PrintWriter progress) {
        this(settings, LocalPostgres.fromEnvironment(), progress);
    }

    /**
     * With the services reaching PostgreSQL at {@code postgres} (a proxy in front of the real one, for a fault
     * scenario); databases are still created and dropped on the real one.
     */
    public LocalPlatform(Settings settings, LocalPostgres postgres, PrintWriter progress) {
        this.settings = settings;
        this.postgres = postgres;
        this.progress = progress;
    }

    /** Starts the broker, the services one by one (each until it reports ready) and the gateway. */
    public void start() {
        checkPackaged();
        checkPortsFree();
        int brokers = settings.topology().brokers();
        kafka = brokers == 1
                ? KafkaBrokerProcess.onPorts(settings.dataDir().resolve("kafka"), settings.kafkaPort(),
                        settings.controllerPort())
                : KafkaCluster.onPorts(settings.dataDir().resolve("kafka-" + brokers + "-brokers"), brokers,
                        settings.kafkaPort());
        report(brokers == 1 ? "Kafka broker" : "Kafka, " + brokers + " brokers", kafka.bootstrapServers());
        kafka.start();
        kafka.createTopics(settings.topology().partitions());
        // A service's own topic too, so that its consumer does not start on a topic that is not there yet.
        kafka.createTopics(Map.of(BotChannels.TENANT_CHANGES_TOPIC, 1));
        graph = FakeGraphApi.start(settings.graphPort());
        report("fake Graph API", graph.baseUrl());
        LocalPostgres real = LocalPostgres.fromEnvironment();
        String secretKey = WorkspaceSecretKey.loadOrCreate(settings.dataDir());
        for (PlatformService service : settings.services()) {
            Map<String, String> config = new HashMap<>();
            config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            if (service == PlatformService.INGEST || service == PlatformService.TICKET) {
                config.put(WorkspaceSecretKey.SETTING, secretKey);
            }
            if (service == PlatformService.INGEST) {
                config.put("parley.ingest.graph.base-url", graph.baseUrl() + GRAPH_VERSION);
                config.put("parley.ingest.outbound.whatsapp-per-second", WHATSAPP_PER_SECOND);
            }
            if (service == PlatformService.TICKET) {
                // GET /api/v1/admin/workspace shows the bot's settings and the routing rules, asked from them
                config.put("parley.workspace.bot-url", serviceUrl(PlatformService.BOT));
                config.put("parley.workspace.routing-url", serviceUrl(PlatformService.ROUTING));
            }
            service.database().ifPresent(name -> {
                DatabaseCoordinates database = real.ensureDatabase(settings.database(service));
                databases.add(database);
                config.putAll(new DatabaseCoordinates(postgres.host(), postgres.port(), database.database(),
                        database.user(), database.password()).quarkusConfig());
            });
            config.putAll(settings.extraConfig().getOrDefault(service, Map.of()));
            configs.put(service, Map.copyOf(config));
            for (int instance = 0; instance < settings.topology().instances(); instance++) {
                addInstance(service);
            }
        }
        Map<PlatformService, List<Integer>> instances = new HashMap<>();
        settings.services().forEach(service -> instances.put(service, settings.instancePorts(service)));
        gateway = Gateway.start(settings.gatewayPort(), instances);
        report("gateway", gatewayUrl());
    }

    public String gatewayUrl() {
        return "http://" + Gateway.HOST + ":" + settings.gatewayPort();
    }

    /**
     * The fake Graph API the Meta channels send to: tests script its next answers (a refused send), a fault scenario
     * makes it fail ({@code parley chaos}).
     */
    public FakeGraphApi graph() {
        return graph;
    }

    /** Every request the fake Graph API received, with arrival times ({@code Arrivals}). */
    public String graphArrivalsUrl() {
        return graph.arrivalsUrl();
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The broker or the cluster, e.g. for a fault scenario to kill a node. */
    public LocalKafka kafka() {
        return kafka;
    }

    /** A service's running processes, in instance order, e.g. for a fault scenario to kill one. */
    public List<QuarkusAppProcess> instances(PlatformService service) {
        return List.copyOf(instancesByService.getOrDefault(service, List.of()));
    }

    /** The own URL of each of a service's running processes, in instance order, e.g. to read their metrics. */
    public List<String> instanceUrls(PlatformService service) {
        return instances(service).stream().map(QuarkusAppProcess::baseUrl).toList();
    }

    /** Where a service keeps its data ({@code <prefix>_<database>}), on the real PostgreSQL. */
    public DatabaseCoordinates database(PlatformService service) {
        return databases.stream().filter(database -> database.database().equals(settings.database(service)))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(service.module() + " has no database"));
    }

    /** Each running service's own URL (its first instance's, not through the gateway), e.g. for a benchmark. */
    public String serviceUrl(PlatformService service) {
        return "http://" + Gateway.HOST + ":" + settings.servicePorts().get(service);
    }

    /**
     * Starts one more instance of a service (in its consumer group, on the next instance port) and waits until it is
     * ready. One added after the start is not behind the gateway: it takes its share of the partitions (a rebalance,
     * for a fault scenario), not of the HTTP requests.
     */
    public QuarkusAppProcess addInstance(PlatformService service) {
        QuarkusAppProcess app;
        // not while it starts: close() (Ctrl-C) must not wait for a starting instance to be ready
        synchronized (this) {
            List<QuarkusAppProcess> running = instancesByService.computeIfAbsent(service, ignored -> new ArrayList<>());
            int instance = running.size();
            String logs = instance == 0 ? service.name() : service.name() + "-" + (instance + 1);
            app = QuarkusAppProcess.packaged(service.packagedApp(settings.repositoryRoot()),
                    settings.dataDir().resolve("logs").resolve(logs), configs.get(service),
                    settings.servicePorts().get(service) + instance * INSTANCE_PORT_STEP)
                    .withJvmOptions(serviceJvmOptions);
            report(service.module(), app.baseUrl());
            services.add(app);
            running.add(app);
        }
        app.start();
        return app;
    }

    /** Stops an instance {@link #addInstance} started (cleanly: it leaves its consumer group). */
    public synchronized void removeInstance(QuarkusAppProcess app) {
        app.stop();
        services.remove(app);
        instancesByService.values().forEach(instances -> instances.remove(app));
    }

    /** Drops the databases this platform opened or created (a throwaway platform's, once it is closed). */
    public void dropDatabases() {
        databases.forEach(database -> LocalPostgres.fromEnvironment().dropDatabase(database.database()));
        databases.clear();
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear " + dir, e);
        }
    }

    @Override
    public synchronized void close() {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        stopTogether(services);
        services.clear();
        instancesByService.clear();
        if (graph != null) {
            graph.close();
            graph = null;
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    /**
     * Stops the service instances all at once: each mostly waits (leaving its consumer groups, closing its clients),
     * and one after the other the ten instances of `up --instances 2` took 27 s of a 50 s Ctrl-C. One that cannot be
     * stopped is reported and the rest still stop, the broker included.
     */
    private void stopTogether(List<QuarkusAppProcess> apps) {
        ExecutorService stoppers = Executors.newFixedThreadPool(Math.max(1, apps.size()));
        try {
            List<Future<?>> stops = apps.stream().<Future<?>>map(app -> stoppers.submit(app::stop)).toList();
            for (Future<?> stop : stops) {
                try {
                    stop.get();
                } catch (ExecutionException e) {
                    progress.println("could not stop a service: " + e.getCause().getMessage());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stoppers.shutdown();
        }
        progress.flush();
    }

    private void checkPackaged() {
        List<String> missing = settings.services().stream()
                .filter(service -> !Files.isDirectory(service.packagedApp(settings.repositoryRoot())))
                .map(PlatformService::module)
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Not packaged yet: " + String.join(", ", missing) + " (looked under "
                    + settings.repositoryRoot().toAbsolutePath() + "). Build them with"
                    + " `./mvnw -B package -DskipTests` at the repository root.");
        }
    }

    /**
     * Before anything starts: a service's readiness probe would otherwise find whatever already answers on its port
     * (another `parley up`, say), and the broker would adopt the other run's broker and stop it on the way out.
     */
    private void checkPortsFree() {
        List<Integer> ports = new ArrayList<>(List.of(settings.gatewayPort()));
        ports.addAll(settings.kafkaPorts());
        if (settings.graphPort() != 0) {
            ports.add(settings.graphPort());
        }
        settings.services().forEach(service -> ports.addAll(settings.instancePorts(service)));
        List<Integer> taken = ports.stream().filter(port -> !FreePorts.isFree(port)).toList();
        if (!taken.isEmpty()) {
            throw new IllegalStateException("Port(s) " + taken + " on " + FreePorts.LOOPBACK + " are taken: is Parley"
                    + " already up? Stop it, or choose other ports with --gateway-port and --kafka-port.");
        }
    }

    private void report(String what, String where) {
        progress.printf("starting %-18s %s%n", what, where);
        progress.flush();
    }
}
