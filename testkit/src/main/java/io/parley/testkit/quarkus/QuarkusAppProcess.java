package io.parley.testkit.quarkus;

import io.parley.testkit.auth.DevTokens;
import io.parley.testkit.process.ChildJvm;
import io.parley.testkit.process.ChildProcess;
import io.parley.testkit.process.FreePorts;
import io.parley.testkit.process.ProcessOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A packaged Quarkus service ({@code target/quarkus-app/quarkus-run.jar}) in a JVM of its own, for tests that need
 * the real process: kill it mid-way, start it again. The config goes in as system properties; the HTTP port, on
 * 127.0.0.1, is chosen free once and kept across restarts. Every start writes a log file of its own,
 * {@code <workDir>/output-<n>.log}, which failure messages quote. The process ends with the JVM that launched it,
 * however that one ends. A packaged service runs in the prod profile, which refuses the development settings unless
 * they are given explicitly: this runner gives them ({@link #DEVELOPMENT_CONFIG}), the caller's config wins.
 *
 * <pre>{@code
 * try (QuarkusAppProcess app = QuarkusAppProcess.packaged(Path.of("target", "quarkus-app"), workDir, config)) {
 *     app.start();   // until /q/health/ready is UP
 *     app.kill();    // SIGKILL
 *     app.start();
 * }
 * }</pre>
 */
public final class QuarkusAppProcess implements AutoCloseable {

    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final String RUNNER = "quarkus-run.jar";
    private static final String READINESS = "/q/health/ready";

    /**
     * The development token key ({@link DevTokens#verificationConfig()}) and, for the local PostgreSQL on trust
     * authentication, leave to run with an empty database password (the edge module's {@code ProductionConfig}).
     */
    public static final Map<String, String> DEVELOPMENT_CONFIG = development();

    private final Path runner;
    private final Path workDir;
    private final Map<String, String> config;
    private final int httpPort;
    private final List<String> jvmOptions;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(PROBE_TIMEOUT)
            .build();
    private final List<Path> logFiles = new ArrayList<>();
    private ChildProcess process;

    private QuarkusAppProcess(Path runner, Path workDir, Map<String, String> config, int httpPort,
                              List<String> jvmOptions) {
        this.runner = runner;
        this.workDir = workDir;
        Map<String, String> all = new HashMap<>(DEVELOPMENT_CONFIG);
        all.putAll(config);
        this.config = Map.copyOf(all);
        this.httpPort = httpPort;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * The application Quarkus packaged in {@code appDir} (a module's {@code target/quarkus-app}), run with
     * {@code config}; its launcher and log files go to {@code workDir}.
     */
    public static QuarkusAppProcess packaged(Path appDir, Path workDir, Map<String, String> config) {
        return packaged(appDir, workDir, config, FreePorts.onLoopback(1).get(0));
    }

    /** As {@link #packaged(Path, Path, Map)}, on a fixed HTTP port (the local platform's 8081…8085). */
    public static QuarkusAppProcess packaged(Path appDir, Path workDir, Map<String, String> config, int httpPort) {
        Path runner = appDir.resolve(RUNNER).toAbsolutePath();
        if (!Files.isRegularFile(runner)) {
            throw new IllegalStateException("No packaged Quarkus application at " + runner + ": package the module"
                    + " first (tests that run it belong in Maven's integration-test phase, which comes after package)");
        }
        return new QuarkusAppProcess(runner, workDir.toAbsolutePath(), config, httpPort, List.of());
    }

    /**
     * The same application, launched with these JVM options (such as {@code -Xmx512m}: without one the JVM may take a
     * quarter of the machine's memory) on every start; call before {@link #start()}.
     */
    public QuarkusAppProcess withJvmOptions(List<String> options) {
        return new QuarkusAppProcess(runner, workDir, config, httpPort, options);
    }

    private static Map<String, String> development() {
        Map<String, String> development = new HashMap<>(DevTokens.verificationConfig());
        development.put("parley.allow-empty-database-password", "true");
        return Map.copyOf(development);
    }

    public int httpPort() {
        return httpPort;
    }

    public String baseUrl() {
        return "http://" + FreePorts.LOOPBACK + ":" + httpPort;
    }

    /** The log file of every start so far, the current one last. */
    public synchronized List<Path> logFiles() {
        return List.copyOf(logFiles);
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Launches the application and waits until {@code /q/health/ready} answers UP, for up to 90 s. */
    public void start() {
        start(DEFAULT_START_TIMEOUT);
    }

    public synchronized void start(Duration timeout) {
        if (isRunning()) {
            return;
        }
        Path logFile = workDir.resolve("output-" + (logFiles.size() + 1) + ".log");
        try {
            process = new ChildProcess(ChildJvm.ofJar(runner)
                    .withOptions(jvmOptions)
                    .withSystemProperties(config)
                    .withSystemProperties(Map.of(
                            "quarkus.http.host", FreePorts.LOOPBACK,
                            "quarkus.http.port", Integer.toString(httpPort)))
                    .inDirectory(workDir)
                    .loggingTo(logFile)
                    .boundTo(workDir.resolve("launcher"))
                    .start()
                    .toHandle());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot launch " + runner, e);
        }
        logFiles.add(logFile);
        ChildProcess.Readiness readiness = process.awaitReady(this::ready, timeout);
        if (readiness == ChildProcess.Readiness.TIMED_OUT) {
            kill();
            throw failure("was not ready at " + baseUrl() + READINESS + " within " + timeout.toSeconds() + "s",
                    logFile);
        }
        if (readiness == ChildProcess.Readiness.EXITED) {
            process = null;
            throw failure("exited before it was ready (is port " + httpPort + " taken?)", logFile);
        }
    }

    /** Kills the application at once (SIGKILL), as a crash would, and waits until it is gone. */
    public synchronized void kill() {
        if (process != null) {
            process.kill(STOP_TIMEOUT);
            process = null;
        }
    }

    /** Asks the application to shut down cleanly and waits for it; kills it after 30 s. */
    public synchronized void stop() {
        if (process != null) {
            process.stop(STOP_TIMEOUT);
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private boolean ready() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + READINESS)).timeout(PROBE_TIMEOUT).build();
        try {
            // 200 is UP; 503 is DOWN (a check failing or not ready yet).
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + runner, e);
        }
    }

    private IllegalStateException failure(String what, Path logFile) {
        return new IllegalStateException("The Quarkus application " + runner + " " + what + ". "
                + ProcessOutput.describe(logFile));
    }
}
