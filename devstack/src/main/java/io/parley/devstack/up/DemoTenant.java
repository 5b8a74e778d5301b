package io.parley.devstack.up;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.testkit.auth.DevTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code parley up --demo}: a tenant with a knowledge base in four languages, the order-tracking flow, a triage team
 * with two agents, a web-widget API channel and a WhatsApp number, a Facebook page and an Instagram account
 * ({@link DemoAccounts}, development secrets), all set up through the gateway's public APIs like any admin would.
 * The widget's replies land in a {@link WidgetInbox}, so the customer's side of the conversation can be read too.
 */
final class DemoTenant implements AutoCloseable {

    static final String TENANT = DemoAccounts.TENANT;
    static final String AGENT = "ada";
    static final String SECOND_AGENT = "bob";
    /** The team routing hands conversations to when no rule matches ({@code RuleBook.DEFAULT_TRIAGE_TEAM}). */
    static final String TEAM = "triage";
    static final String WIDGET_CHANNEL = DemoAccounts.API_CHANNEL;
    /** The web channel of the demo shop page ({@code /shop/}), whose chat widget talks to Parley directly. */
    static final String SHOP_CHANNEL = "demo-shop";
    static final String SHOP_IDENTITY_SECRET = "demo-identity-secret";
    /** Development values, like the development key pair: the demo is for a local machine only. */
    static final String WIDGET_TOKEN = DemoAccounts.API_BEARER_TOKEN;
    private static final String CALLBACK_SECRET = "demo-callback-secret";
    /** The widget inbox's port after the fake Graph API's: 8087 beside the gateway's 8080. */
    static final int INBOX_PORT_OFFSET = 7;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int CONFLICT = 409;
    private static final String KNOWLEDGE_BASE = "/demo/knowledge-base.md";
    private static final String ORDER_FLOW = "/flows/order-tracking.yaml";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String adminToken = DevTokens.issue(TENANT, AGENT, "agent", "admin");
    private final WidgetInbox inbox;

    private DemoTenant(WidgetInbox inbox) {
        this.inbox = inbox;
    }

    /** Opens the widget's inbox on this port (0: any free one); the tenant is set up by {@link #seed} later. */
    static DemoTenant start(int inboxPort) {
        return new DemoTenant(WidgetInbox.start(CALLBACK_SECRET, inboxPort));
    }

    String adminToken() {
        return adminToken;
    }

    /** What the widget received, a JSON array of ingest's reply bodies. */
    String repliesUrl() {
        return inbox.repliesUrl();
    }

    /** The same with arrival times, for {@code parley simulate}. */
    String replyArrivalsUrl() {
        return inbox.arrivalsUrl();
    }

    String agentToken(String agent) {
        return DevTokens.issue(TENANT, agent, "agent");
    }

    /**
     * Sets the tenant up through the workspace, knowledge-base and flow APIs. A second run on the same data directory
     * finds the workspace there (409) and updates it instead, e.g. the widget inbox's new callback URL.
     */
    void seed(String gatewayUrl) {
        ensure(gatewayUrl, "/api/v1/admin/teams", TEAM, Map.of("id", TEAM, "name", "Triage",
                "strategy", "balanced", "offlinePolicy", "requeue"));
        ensure(gatewayUrl, "/api/v1/admin/agents", AGENT, Map.of("id", AGENT, "displayName", "Ada Lovelace",
                "email", "ada@demo.parley.dev", "role", "admin", "teams", List.of(TEAM),
                "languages", List.of("en", "es", "ru", "zh"), "capacity", Map.of("*", 5), "active", true));
        ensure(gatewayUrl, "/api/v1/admin/agents", SECOND_AGENT, Map.of("id", SECOND_AGENT, "displayName",
                "Bob Hopper", "email", "bob@demo.parley.dev", "role", "agent", "teams", List.of(TEAM),
                "languages", List.of("en", "es"), "capacity", Map.of("*", 3), "active", true));
        ensure(gatewayUrl, "/api/v1/admin/channels", "api/" + WIDGET_CHANNEL, Map.of("channel", "api",
                "accountId", WIDGET_CHANNEL, "name", "Web widget", "enabled", true, "bearerToken", WIDGET_TOKEN,
                "callbackUrl", inbox.repliesUrl(), "callbackSecret", CALLBACK_SECRET));
        ensure(gatewayUrl, "/api/v1/admin/channels", "web/" + SHOP_CHANNEL, Map.of("channel", "web",
                "accountId", SHOP_CHANNEL, "name", "Demo shop", "enabled", true,
                "allowedOrigins", shopOrigins(gatewayUrl), "identitySecret", SHOP_IDENTITY_SECRET));
        for (DemoAccounts.MetaAccount account : DemoAccounts.META) {
            String channel = account.channel().wireName();
            ensure(gatewayUrl, "/api/v1/admin/channels", channel + "/" + account.accountId(), Map.of("channel", channel,
                    "accountId", account.accountId(), "name", account.name(), "enabled", true,
                    "appSecret", account.appSecret(), "verifyToken", account.verifyToken(),
                    "accessToken", account.accessToken()));
        }
        send(gatewayUrl, "POST", "/api/v1/kb/import", "text/markdown", resource(KNOWLEDGE_BASE));
        send(gatewayUrl, "PUT", "/api/v1/flows/order-tracking", "application/yaml", resource(ORDER_FLOW));
    }

    /** The shop page is served by the gateway, reached as localhost or 127.0.0.1. */
    static List<String> shopOrigins(String gatewayUrl) {
        URI gateway = URI.create(gatewayUrl);
        return List.of("http://localhost:" + gateway.getPort(), "http://127.0.0.1:" + gateway.getPort());
    }

    /** How to try it, printed once everything is up: from a customer's question to a person's answer. */
    String instructions(String gatewayUrl, String graphArrivalsUrl) {
        String widget = gatewayUrl + "/webhooks/api/" + WIDGET_CHANNEL;
        String asCustomer = "  curl -X POST " + widget + " -H 'Authorization: Bearer " + WIDGET_TOKEN + "' \\"
                + System.lineSeparator() + "       -H 'Content-Type: application/json' \\" + System.lineSeparator();
        return String.join(System.lineSeparator(),
                "Demo tenant '" + TENANT + "': 5 knowledge-base articles (en, es, zh, ru), the order-tracking flow,",
                "team '" + TEAM + "' with agents " + AGENT + " (admin) and " + SECOND_AGENT + ", the API channel '"
                        + WIDGET_CHANNEL + "',",
                "WhatsApp number " + DemoAccounts.WHATSAPP.accountId() + ", Facebook page "
                        + DemoAccounts.MESSENGER.accountId() + " and Instagram account "
                        + DemoAccounts.INSTAGRAM.accountId() + " (DEVELOPMENT app secrets, DemoAccounts.java);",
                "their replies go to the fake Graph API (what it received: " + graphArrivalsUrl + "),",
                "the API channel's to " + replyArrivalsUrl() + ".",
                "Traffic like a shop's: ./parley simulate --rate 20 --duration 30s --agents 2",
                "Tokens (12 h):",
                "  export TOKEN=" + adminToken + "      # " + AGENT + ", agent + admin",
                "  export BOB=" + agentToken(SECOND_AGENT) + "      # " + SECOND_AGENT + ", agent",
                "Agent console, one-click sign-in (the token stays in the browser tab):",
                "  " + gatewayUrl + "/console/#token=" + adminToken + "   # " + AGENT + ", agent + admin",
                "  " + gatewayUrl + "/console/#token=" + agentToken(SECOND_AGENT) + "   # " + SECOND_AGENT + ", agent",
                "Operations dashboard (live figures, queues, agents, KPIs):",
                "  " + gatewayUrl + "/dashboard/#token=" + adminToken,
                "The workspace (channels, teams, agents, hours):  curl " + gatewayUrl
                        + "/api/v1/admin/workspace -H \"Authorization: Bearer $TOKEN\"",
                "Be the customer: open " + gatewayUrl + "/shop/ and ask in the chat bubble (e.g. \"Olvidé mi "
                        + "contraseña\"), answer \"No\", and a person takes over; " + AGENT + " answers as in steps 4-5.",
                "Walkthrough, from a question to a person's answer:",
                "1. The customer asks, and the bot answers (or use the shop page above):",
                asCustomer + "       -d '{\"messageId\":\"m-1\",\"user\":{\"id\":\"u-1\",\"name\":\"Ana\"},"
                        + "\"text\":\"How do I return an item?\"}'",
                "   curl " + repliesUrl() + "        # what the customer received",
                "2. The customer says it did not help:",
                asCustomer + "       -d '{\"messageId\":\"m-2\",\"user\":{\"id\":\"u-1\"},\"text\":\"No\"}'",
                "3. The conversation is queued for team " + TEAM + ":",
                "   curl " + gatewayUrl + "/api/v1/routing/" + TENANT + "/queues/" + TEAM
                        + " -H \"Authorization: Bearer $TOKEN\"",
                "4. " + AGENT + " goes online and is assigned:",
                "   curl -X PUT " + gatewayUrl + "/api/v1/agents/me/presence -H \"Authorization: Bearer $TOKEN\" \\",
                "        -H 'Content-Type: application/json' -d '{\"presence\":\"online\"}'",
                "   curl " + gatewayUrl + "/api/v1/conversations -H \"Authorization: Bearer $TOKEN\"   # assignee: "
                        + AGENT,
                "   (or in the console: Presence → Online; the conversation moves from Unassigned to Mine)",
                "   ID=$(curl -s " + gatewayUrl + "/api/v1/conversations -H \"Authorization: Bearer $TOKEN\""
                        + " | grep -o '\"id\":\"[^\"]*' | head -1 | cut -d'\"' -f4)",
                "5. She replies:",
                "   curl -X POST " + gatewayUrl + "/api/v1/conversations/$ID/messages -H \"Authorization: Bearer $TOKEN\""
                        + " \\",
                "        -H 'Content-Type: application/json'"
                        + " -d '{\"messageId\":\"return-started-1\",\"text\":\"Hi Ana, I have started your return.\"}'",
                "6. The customer's side shows her reply:",
                "   curl " + repliesUrl(),
                "Live, as the agent: curl -N " + gatewayUrl + "/api/v1/stream -H \"Authorization: Bearer $TOKEN\"   (SSE)");
    }

    /** Creates the entity, or updates it to {@code body} when it exists already. */
    private void ensure(String gatewayUrl, String collection, String id, Map<String, Object> body) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a demo body of strings, lists and maps always serialises", e);
        }
        if (send(gatewayUrl, "POST", collection, "application/json", json) == CONFLICT) {
            send(gatewayUrl, "PUT", collection + "/" + id, "application/json", json);
        }
    }

    /** Sends a request of the set-up; answers its status, which is 2xx or, for a create, 409. */
    private int send(String gatewayUrl, String method, String path, String contentType, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            boolean exists = "POST".equals(method) && response.statusCode() == CONFLICT;
            if (response.statusCode() / 100 != 2 && !exists) {
                throw new IllegalStateException("Setting up the demo tenant failed: " + method + " " + path
                        + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.statusCode();
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
