package io.parley.devstack.up;

import io.parley.testkit.auth.DevTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@code parley up --demo}: a tenant with a knowledge base in four languages, the order-tracking flow, an agent
 * token and a web-widget API channel, set up through the gateway like any admin would. The widget's replies land in a
 * {@link WidgetInbox}, so the customer's side of the conversation can be read too.
 */
final class DemoTenant implements AutoCloseable {

    static final String TENANT = "demo";
    static final String AGENT = "ada";
    static final String WIDGET_CHANNEL = "web-widget";
    /** Development values, like the development key pair: the demo is for a local machine only. */
    static final String WIDGET_TOKEN = "demo-widget-token";
    private static final String CALLBACK_SECRET = "demo-callback-secret";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String KNOWLEDGE_BASE = "/demo/knowledge-base.md";
    private static final String ORDER_FLOW = "/flows/order-tracking.yaml";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String adminToken = DevTokens.issue(TENANT, AGENT, "agent", "admin");
    private final WidgetInbox inbox;

    private DemoTenant(WidgetInbox inbox) {
        this.inbox = inbox;
    }

    /** Opens the widget's inbox; the tenant itself is set up by {@link #seed} once the platform runs. */
    static DemoTenant start() {
        return new DemoTenant(WidgetInbox.start(CALLBACK_SECRET));
    }

    /** What ingest needs for the demo's web widget: channel → tenant, its bearer token, where replies go. */
    Map<PlatformService, Map<String, String>> ingestConfig() {
        String account = "parley.channels.api.accounts." + WIDGET_CHANNEL;
        return Map.of(PlatformService.INGEST, Map.of(
                account + ".tenant", TENANT,
                account + ".bearer-token", WIDGET_TOKEN,
                account + ".callback-url", inbox.repliesUrl(),
                account + ".callback-secret", CALLBACK_SECRET));
    }

    String adminToken() {
        return adminToken;
    }

    /** What the widget received, a JSON array of ingest's reply bodies. */
    String repliesUrl() {
        return inbox.repliesUrl();
    }

    void seed(String gatewayUrl) {
        send(gatewayUrl, "POST", "/api/v1/kb/import", "text/markdown", resource(KNOWLEDGE_BASE));
        send(gatewayUrl, "PUT", "/api/v1/flows/order-tracking", "application/yaml", resource(ORDER_FLOW));
    }

    /** How to try it, printed once everything is up. */
    String instructions(String gatewayUrl) {
        String widget = gatewayUrl + "/webhooks/api/" + WIDGET_CHANNEL;
        return String.join(System.lineSeparator(),
                "Demo tenant '" + TENANT + "': 5 knowledge-base articles (en, es, zh, ru) and the order-tracking flow.",
                "Agent token (" + AGENT + ", agent + admin, 12 h):",
                "  export TOKEN=" + adminToken,
                "Write as a customer:",
                "  curl -X POST " + widget + " -H 'Authorization: Bearer " + WIDGET_TOKEN + "' \\",
                "       -H 'Content-Type: application/json' \\",
                "       -d '{\"messageId\":\"m-1\",\"user\":{\"id\":\"u-1\",\"name\":\"Ana\"},\"text\":\"How do I return an item?\"}'",
                "Read as the agent:",
                "  curl " + gatewayUrl + "/api/v1/conversations -H \"Authorization: Bearer $TOKEN\"",
                "  curl -N " + gatewayUrl + "/api/v1/stream -H \"Authorization: Bearer $TOKEN\"   (live, SSE)",
                "What the widget received (the bot's and agents' replies):",
                "  curl " + repliesUrl());
    }

    private void send(String gatewayUrl, String method, String path, String contentType, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("Setting up the demo tenant failed: " + method + " " + path
                        + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Setting up the demo tenant failed: " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while setting up the demo tenant", e);
        }
    }

    @Override
    public void close() {
        inbox.close();
    }

    private static byte[] resource(String name) {
        try (InputStream in = DemoTenant.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath: rebuild the devstack");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
    }
}
