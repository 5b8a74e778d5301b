package io.parley.testkit.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.parley.testkit.process.ChildJvm;
import io.parley.testkit.process.ChildProcess;
import io.parley.testkit.process.ProcessOutput;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real Kafka broker ({@code kafka_2.13}, KRaft, combined broker and controller, one node) running as a separate
 * JVM on the loopback interface. Its classpath comes from the {@code broker.classpath} resource written at build
 * time, so none of the broker's jars (Scala, the Kafka server) are on the caller's classpath.
 *
 * <p>The data dir holds {@code server.properties}, the storage ({@code kraft/}), and {@code broker.log} with the
 * broker's output (warnings only). {@link #start()} after {@link #stop()} or {@link #kill()} brings the same
 * broker back on the same ports with the same data. A shutdown hook stops the broker with this JVM, and the broker
 * also stops by itself when the JVM that launched it dies ({@link ChildJvm#boundTo}).
 */
public final class KafkaBrokerProcess implements LocalKafka {

    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final int PROBE_TIMEOUT_MILLIS = 5_000;
    private static final String CLASSPATH_RESOURCE = "broker.classpath";
    private static final List<String> JVM_OPTIONS = List.of(
            "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
            // Warnings only, plus the line that tells the broker is up.
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info",
            "-Dorg.slf4j.simpleLogger.showDateTime=true");

    private final BrokerConfig config;
    private ChildProcess process;
    private Thread shutdownHook;

    KafkaBrokerProcess(BrokerConfig config) {
        this.config = config;
    }

    /** A broker keeping its files in {@code dataDir}, on the ports an earlier run there used, else on free ports. */
    public static KafkaBrokerProcess inDataDir(Path dataDir) {
        Path dir = dataDir.toAbsolutePath();
        return new KafkaBrokerProcess(BrokerConfig.readFrom(dir).orElseGet(() -> BrokerConfig.onFreePorts(dir)));
    }

    /** A broker on fixed ports, e.g. 9092 for the local platform. */
    public static KafkaBrokerProcess onPorts(Path dataDir, int brokerPort, int controllerPort) {
        return new KafkaBrokerProcess(new BrokerConfig(dataDir.toAbsolutePath(), brokerPort, controllerPort));
    }

    @Override
    public String bootstrapServers() {
        return config.bootstrapServers();
    }

    public int brokerPort() {
        return config.brokerPort();
    }

    public Path dataDir() {
        return config.dataDir();
    }

    public Path logFile() {
        return config.logFile();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the broker (formatting its storage on first use) and waits until it answers, for up to 90 s. */
    @Override
    public void start() {
        start(DEFAULT_START_TIMEOUT);
    }

    public synchronized void start(Duration timeout) {
        if (isRunning()) {
            return;
        }
        launchWithoutWaiting();
        awaitAnswer(timeout);
    }

    /** Launches the node without waiting: a node of a cluster answers only once a majority of its quorum runs. */
    synchronized void launchWithoutWaiting() {
        if (isRunning()) {
            return;
        }
        try {
            config.write();
            Optional<ProcessHandle> running = brokerStillRunningInDataDir();
            process = new ChildProcess(running.isPresent() ? running.get() : launch());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot launch the Kafka broker in " + config.dataDir(), e);
        }
        registerShutdownHook();
    }

    /** Asks the broker to shut down cleanly and waits for it; forces it after 30 s. */
    public synchronized void stop() {
        if (process != null) {
            process.stop(STOP_TIMEOUT);
            forget();
        }
    }

    /** Kills the broker at once (SIGKILL), as a crash would: for fault tests. */
    public synchronized void kill() {
        if (process != null) {
            process.kill(STOP_TIMEOUT);
            forget();
        }
    }

    /** Creates the topics with the given partition counts, replicated as its quorum allows; existing ones are kept. */
    @Override
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        KafkaTopics.create(bootstrapServers(), partitionsByTopic, config.quorum().replication());
    }

    /** Stops the broker and forgets the shutdown hook. */
    @Override
    public synchronized void close() {
        stop();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or has run: nothing left to undo
            }
            shutdownHook = null;
        }
    }

    /**
     * A broker this data dir's pid file names and that still runs on its config: one launched by another class
     * loader of this JVM (Quarkus may load the testkit more than once), or by an earlier `parley up`.
     */
    private Optional<ProcessHandle> brokerStillRunningInDataDir() throws IOException {
        if (!Files.exists(config.pidFile())) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(config.pidFile()).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(candidate -> candidate.info().commandLine()
                        .map(commandLine -> commandLine.contains(configMarker()))
                        .orElse(false));
    }

    private ProcessHandle launch() throws IOException {
        String classpath = brokerClasspath();
        if (!config.isFormatted()) {
            formatStorage(classpath);
        }
        Process broker = jvm(ChildJvm.of(classpath, "kafka.Kafka", config.propertiesFile().toString()))
                .boundTo(config.launcherDir())
                .start();
        Files.writeString(config.pidFile(), Long.toString(broker.pid()));
        return broker.toHandle();
    }

    private void formatStorage(String classpath) throws IOException {
        Process format = jvm(ChildJvm.of(classpath, "kafka.tools.StorageTool", "format",
                "--cluster-id", config.quorum().clusterId(),
                "--config", config.propertiesFile().toString())).start();
        try {
            if (!format.waitFor(FORMAT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                format.destroyForcibly();
                throw failure("did not format its storage within " + FORMAT_TIMEOUT.toSeconds() + "s");
            }
        } catch (InterruptedException e) {
            format.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while formatting the Kafka storage", e);
        }
        if (format.exitValue() != 0) {
            throw failure("could not format its storage (exit code " + format.exitValue() + ")");
        }
    }

    private ChildJvm jvm(ChildJvm program) {
        return program.withOptions(List.of(configMarker()))
                .withOptions(JVM_OPTIONS)
                .inDirectory(config.dataDir())
                .loggingTo(config.logFile());
    }

    /**
     * Names the config on the command line ahead of the classpath: the JDK reads only the first 4 KB of another
     * process's command line, so the trailing arguments cannot identify the broker.
     */
    private String configMarker() {
        return "-Dparley.kafka.config=" + config.propertiesFile();
    }

    private static String brokerClasspath() throws IOException {
        try (InputStream resource = KafkaBrokerProcess.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (resource == null) {
                throw new IllegalStateException("The testkit has no " + CLASSPATH_RESOURCE
                        + " resource: build parley-testkit with Maven, whose dependency plugin writes it");
            }
            String classpath = new String(resource.readAllBytes(), UTF_8).trim();
            Arrays.stream(classpath.split(File.pathSeparator))
                    .map(Path::of)
                    .filter(Files::notExists)
                    .findFirst()
                    .ifPresent(missing -> {
                        throw new IllegalStateException("The Kafka broker needs " + missing
                                + ", which is no longer in the local Maven repository: rebuild the testkit"
                                + " (./mvnw -pl testkit -am verify) so that Maven fetches it again");
                    });
            return classpath;
        }
    }

    void awaitAnswer(Duration timeout) {
        ChildProcess.Readiness readiness = process.awaitReady(this::answers, timeout);
        if (readiness == ChildProcess.Readiness.TIMED_OUT) {
            kill();
            throw failure("did not answer on " + bootstrapServers() + " within " + timeout.toSeconds() + "s");
        }
        if (readiness == ChildProcess.Readiness.EXITED) {
            forget();
            throw failure("exited before answering on " + bootstrapServers()
                    + " (is port " + config.brokerPort() + " or " + config.controllerPort() + " taken?)");
        }
    }

    /** A TCP probe first: an Admin client would log a warning for every refused connection. */
    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(BrokerConfig.HOST, config.brokerPort()), PROBE_TIMEOUT_MILLIS);
        } catch (IOException notYet) {
            return false;
        }
        try (Admin admin = Admin.create(Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, PROBE_TIMEOUT_MILLIS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, PROBE_TIMEOUT_MILLIS))) {
            // Another broker may hold the port while this one is still on its way to failing to bind it.
            String clusterId = admin.describeCluster().clusterId().get(PROBE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            return clusterId.equals(config.clusterId());
        } catch (ExecutionException | TimeoutException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
        }
    }

    private void forget() {
        process = null;
        try {
            Files.deleteIfExists(config.pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + config.pidFile(), e);
        }
    }

    private void registerShutdownHook() {
        if (shutdownHook == null) {
            shutdownHook = new Thread(this::stop, "parley-kafka-broker-stop");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException("Kafka broker in " + config.dataDir() + " " + what + ". "
                + ProcessOutput.describe(config.logFile()));
    }
}
