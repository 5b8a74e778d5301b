package io.parley.devstack.up;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import io.parley.devstack.simulate.WebhookBodies;
import io.parley.events.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

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
        DemoTenant demo = DemoTenant.start(0);
        LocalPlatform.Settings settings = LocalPlatform.Settings.throwaway(Path.of("..").toAbsolutePath().normalize(),
                WORK_DIR, PlatformService.ALL, "parley_up_it", Map.of());
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
        platform.close();
        platform.dropDatabases();
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

    /** A WhatsApp customer of the demo number writes at {@code at}: a signed webhook through the gateway. */
    HttpResponse<String> whatsAppCustomerSays(String messageId, String user, String text, Instant at)
            throws Exception {
        WebhookBodies.Webhook webhook = WebhookBodies.text(Channel.WHATSAPP, user, "Wanda", messageId, text, at);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl() + webhook.path()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
        webhook.headers().forEach(request::header);
        return send(request);
    }

    /** What the widget received so far (every reply body, oldest first), as JSON text. */
    String widgetReceived() throws Exception {
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create(demo.repliesUrl()))).body()).toString();
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

}
