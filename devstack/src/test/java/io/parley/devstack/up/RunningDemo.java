package io.parley.devstack.up;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.testkit.postgres.DatabaseCoordinates;
import io.parley.testkit.postgres.LocalPostgres;
import io.parley.testkit.process.FreePorts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code parley up --demo} for the tests of this JVM: started once, on first use, by whichever test class needs it
 * (the platform takes a minute to start, so the walkthrough, the dashboard's and the console's browser tests share
 * it), and stopped with its throwaway databases when the JVM ends. Tests keep apart by using customers of their own.
 */
final class RunningDemo {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path WORK_DIR = Path.of("target", "local-platform-it");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningDemo running;

    final LocalPlatform.Settings settings;
    final LocalPlatform platform;
    final DemoTenant demo;

    private RunningDemo(LocalPlatform.Settings settings, LocalPlatform platform, DemoTenant demo) {
        this.settings = settings;
        this.platform = platform;
        this.demo = demo;
    }

    static synchronized RunningDemo get() {
        if (running == null) {
            running = start();
            Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "running-demo-stop"));
        }
        return running;
    }

    private static RunningDemo start() {
        // A fresh broker: message ids are deterministic, so an earlier run's log would make this one's a duplicate.
        deleteRecursively(WORK_DIR);
        List<Integer> ports = FreePorts.onLoopback(8);
        Map<PlatformService, Integer> servicePorts = new HashMap<>();
        for (int i = 0; i < PlatformService.ALL.size(); i++) {
            servicePorts.put(PlatformService.ALL.get(i), ports.get(i + 1));
        }
        String databasePrefix = "parley_up_it_" + ProcessHandle.current().pid();
        Path root = Path.of("..").toAbsolutePath().normalize();
        DemoTenant demo = DemoTenant.start(0);
        LocalPlatform.Settings settings = new LocalPlatform.Settings(root, WORK_DIR, ports.get(0), servicePorts,
                ports.get(6), ports.get(7), 0, databasePrefix, Map.of(), LocalPlatform.Topology.single());
        StringWriter progress = new StringWriter();
        LocalPlatform platform = new LocalPlatform(settings, new PrintWriter(progress));
        try {
            platform.start();
        } catch (RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n" + progress + "logs: "
                    + WORK_DIR.resolve("logs").toAbsolutePath(), e);
        }
        demo.seed(platform.gatewayUrl());
        return new RunningDemo(settings, platform, demo);
    }

    private void stop() {
        List<DatabaseCoordinates> databases = platform.databases();
        platform.close();
        databases.forEach(database -> LocalPostgres.fromEnvironment().dropDatabase(database.database()));
        demo.close();
    }

    String gatewayUrl() {
        return platform.gatewayUrl();
    }

    /** GET through the gateway as the demo's admin agent; asserts a 200. */
    JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = send(authorised(path));
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    HttpRequest.Builder authorised(String path) {
        return HttpRequest.newBuilder(URI.create(gatewayUrl() + path))
                .header("Authorization", "Bearer " + demo.adminToken());
    }

    /** A customer of the demo's web widget writes, through the gateway. */
    HttpResponse<String> customerSays(String messageId, String user, String text) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(gatewayUrl() + "/webhooks/api/" + DemoTenant.WIDGET_CHANNEL))
                .header("Authorization", "Bearer " + DemoTenant.WIDGET_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("messageId", messageId,
                        "user", Map.of("id", user, "name", "Ana"), "text", text)))));
    }

    /** What the widget received so far (every reply body, oldest first), as JSON text. */
    String widgetReceived() throws Exception {
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create(demo.repliesUrl()))).body()).toString();
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
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
}
