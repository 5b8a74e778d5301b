package io.parley.devstack.up;

import io.parley.bot.BotChannels;
import io.parley.testkit.graph.FakeGraphApi;
import io.parley.testkit.kafka.KafkaBrokerProcess;
import io.parley.testkit.kafka.SharedKafka;
import io.parley.testkit.postgres.DatabaseCoordinates;
import io.parley.testkit.postgres.LocalPostgres;
import io.parley.testkit.process.FreePorts;
import io.parley.testkit.quarkus.QuarkusAppProcess;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parley on one machine: a real Kafka broker (KRaft, its own JVM, data under {@code <dataDir>/kafka}), every service's
 * packaged application in a JVM of its own (logs under {@code <dataDir>/logs/<service>}), each with its PostgreSQL
 * database (created when missing, kept across runs), the gateway in front, and a fake Graph API that ingest sends the
 * Meta channels' replies to (nothing leaves the machine; {@code parley simulate} reads what arrived there).
 * {@link #close()} stops everything in reverse order; the children also end by themselves when this JVM dies.
 */
public final class LocalPlatform implements AutoCloseable {

    private final Settings settings;
    private final PrintWriter progress;
    private final List<QuarkusAppProcess> services = new ArrayList<>();
    private final List<DatabaseCoordinates> databases = new ArrayList<>();
    private KafkaBrokerProcess broker;
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
     */
    public record Settings(Path repositoryRoot, Path dataDir, int gatewayPort, Map<PlatformService, Integer> servicePorts,
                           int kafkaPort, int controllerPort, int graphPort, String databasePrefix,
                           Map<PlatformService, Map<String, String>> extraConfig) {

        /** The fake Graph API's port after the services': 8086 beside the gateway's 8080. */
        public static final int GRAPH_PORT_OFFSET = 6;

        /**
         * DESIGN §4's layout: the services on the ports after the gateway's, then the fake Graph API, the controller
         * after the broker's.
         */
        public static Settings standard(Path repositoryRoot, Path dataDir, int gatewayPort, int kafkaPort,
                                        Map<PlatformService, Map<String, String>> extraConfig) {
            Map<PlatformService, Integer> ports = new HashMap<>();
            PlatformService.ALL.forEach(service -> ports.put(service, gatewayPort + service.portOffset()));
            return new Settings(repositoryRoot, dataDir, gatewayPort, ports, kafkaPort, kafkaPort + 1,
                    gatewayPort + GRAPH_PORT_OFFSET, "parley", extraConfig);
        }

        List<PlatformService> services() {
            return PlatformService.ALL.stream().filter(servicePorts::containsKey).toList();
        }

        String database(PlatformService service) {
            return databasePrefix + "_" + service.database().orElseThrow();
        }
    }

    public LocalPlatform(Settings settings, PrintWriter progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** Starts the broker, the services one by one (each until it reports ready) and the gateway. */
    public void start() {
        checkPackaged();
        checkPortsFree();
        broker = KafkaBrokerProcess.onPorts(settings.dataDir().resolve("kafka"), settings.kafkaPort(),
                settings.controllerPort());
        report("Kafka broker", broker.bootstrapServers());
        broker.start();
        broker.createTopics(SharedKafka.TOPICS);
        // A service's own topic too, so that its consumer does not start on a topic that is not there yet.
        broker.createTopics(Map.of(BotChannels.TENANT_CHANGES_TOPIC, 1));
        graph = FakeGraphApi.start(settings.graphPort());
        report("fake Graph API", graph.baseUrl());
        LocalPostgres postgres = LocalPostgres.fromEnvironment();
        String secretKey = WorkspaceSecretKey.loadOrCreate(settings.dataDir());
        for (PlatformService service : settings.services()) {
            Map<String, String> config = new HashMap<>();
            config.put("kafka.bootstrap.servers", broker.bootstrapServers());
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
                DatabaseCoordinates database = postgres.ensureDatabase(settings.database(service));
                databases.add(database);
                config.putAll(database.quarkusConfig());
            });
            config.putAll(settings.extraConfig().getOrDefault(service, Map.of()));
            QuarkusAppProcess app = QuarkusAppProcess.packaged(service.packagedApp(settings.repositoryRoot()),
                    settings.dataDir().resolve("logs").resolve(service.name()), config,
                    settings.servicePorts().get(service));
            report(service.module(), app.baseUrl());
            services.add(app);
            app.start();
        }
        gateway = Gateway.start(settings.gatewayPort(), settings.servicePorts());
        report("gateway", gatewayUrl());
    }

    public String gatewayUrl() {
        return "http://" + Gateway.HOST + ":" + settings.gatewayPort();
    }

    /** Every request the fake Graph API received, with arrival times ({@code Arrivals}). */
    public String graphArrivalsUrl() {
        return graph.arrivalsUrl();
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Each running service's own URL (not through the gateway), e.g. for a benchmark of one service. */
    public String serviceUrl(PlatformService service) {
        return "http://" + Gateway.HOST + ":" + settings.servicePorts().get(service);
    }

    /** The databases this platform has opened or created so far, for whoever wants to drop them (tests). */
    public List<DatabaseCoordinates> databases() {
        return List.copyOf(databases);
    }

    @Override
    public synchronized void close() {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).stop();
        }
        services.clear();
        if (graph != null) {
            graph.close();
            graph = null;
        }
        if (broker != null) {
            broker.close();
            broker = null;
        }
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
        List<Integer> ports = new ArrayList<>(List.of(settings.gatewayPort(), settings.kafkaPort(),
                settings.controllerPort()));
        if (settings.graphPort() != 0) {
            ports.add(settings.graphPort());
        }
        settings.services().forEach(service -> ports.add(settings.servicePorts().get(service)));
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
