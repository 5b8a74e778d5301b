package io.parley.devstack.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.testkit.postgres.DatabaseCoordinates;
import io.parley.testkit.postgres.LocalPostgres;
import io.parley.testkit.process.FreePorts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code parley up --demo} as a user meets it: the packaged services, a real broker and PostgreSQL, everything
 * reached through the gateway only, the demo tenant set up through the public admin APIs. The printed walkthrough,
 * step by step: a customer's question at the web-widget webhook, the bot's answer (agent API, widget callback,
 * analytics), "No", the queue, the agent online and assigned, her reply at the widget.
 */
class LocalPlatformIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final StringWriter PROGRESS = new StringWriter();
    private static final Path WORK_DIR = Path.of("target", "local-platform-it");
    private static LocalPlatform.Settings settings;
    private static LocalPlatform platform;
    private static DemoTenant demo;

    @BeforeAll
    static void startThePlatform() throws IOException {
        // A fresh broker: message ids are deterministic, so an earlier run's log would make this one's a duplicate.
        deleteRecursively(WORK_DIR);
        List<Integer> ports = FreePorts.onLoopback(8);
        Map<PlatformService, Integer> servicePorts = new HashMap<>();
        for (int i = 0; i < PlatformService.ALL.size(); i++) {
            servicePorts.put(PlatformService.ALL.get(i), ports.get(i + 1));
        }
        String databasePrefix = "parley_up_it_" + ProcessHandle.current().pid();
        Path root = Path.of("..").toAbsolutePath().normalize();
        demo = DemoTenant.start();
        settings = new LocalPlatform.Settings(root, WORK_DIR, ports.get(0), servicePorts, ports.get(6), ports.get(7),
                databasePrefix, Map.of());
        platform = new LocalPlatform(settings, new PrintWriter(PROGRESS));
        try {
            platform.start();
        } catch (RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n" + PROGRESS + "logs: " + WORK_DIR.resolve("logs").toAbsolutePath(), e);
        }
        demo.seed(platform.gatewayUrl());
    }

    @AfterAll
    static void stopThePlatform() {
        if (platform != null) {
            List<DatabaseCoordinates> databases = platform.databases();
            platform.close();
            databases.forEach(database -> LocalPostgres.fromEnvironment().dropDatabase(database.database()));
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void the_walkthrough_goes_from_a_customers_question_to_a_persons_answer() throws Exception {
        // 1. The customer asks, and the bot answers: in the agent API, at the widget's callback, in the figures.
        assertThat(customerSays("it-1", "how can I return an item I bought?").statusCode()).isEqualTo(200);
        // The bot trains on the imported articles in the background and answers once it has.
        String id = "api:" + DemoTenant.WIDGET_CHANNEL + ":u-it";
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(
                getJson("/api/v1/conversations/" + id + "/messages").toString()).contains("within 30 days"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(widgetReceived())
                .contains("within 30 days", "api:web-widget:u-it"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                getJson("/api/v1/metrics/event-counts").findValuesAsText("type"))
                .contains("parley.message.received.v1", "parley.bot.answered.v1"));

        // 2. The customer says it did not help; 3. the conversation is queued for the triage team.
        assertThat(customerSays("it-2", "No").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                getJson("/api/v1/routing/" + DemoTenant.TENANT + "/queues/" + DemoTenant.TEAM)
                        .findValuesAsText("conversationId")).contains(id));

        // 4. Ada goes online and is assigned.
        HttpResponse<String> online = send(authorised("/api/v1/agents/me/presence")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"presence\":\"online\"}")));
        assertThat(online.statusCode()).as(online.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                getJson("/api/v1/conversations/" + id).path("assignee").asText()).isEqualTo(DemoTenant.AGENT));
        assertThat(getJson("/api/v1/agents/me").get("openConversations").asInt()).isEqualTo(1);

        // 5. She replies; 6. the customer's side shows her reply.
        HttpResponse<String> reply = send(authorised("/api/v1/conversations/" + id + "/messages")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Hi Ana, I have started your return.\"}")));
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(widgetReceived())
                .contains("I have started your return"));
    }

    @Test
    void the_demo_workspace_was_set_up_through_the_admin_api_and_shows_no_secret() throws Exception {
        JsonNode workspace = getJson("/api/v1/admin/workspace");

        assertThat(workspace.get("channels").findValuesAsText("accountId")).containsExactly(DemoTenant.WIDGET_CHANNEL);
        assertThat(workspace.get("teams").get(0).get("members").toString()).contains(DemoTenant.AGENT,
                DemoTenant.SECOND_AGENT);
        assertThat(workspace.get("agents").findValuesAsText("id")).contains(DemoTenant.AGENT, DemoTenant.SECOND_AGENT);
        assertThat(workspace.get("routingRules").has("unavailable")).as(workspace.toString()).isFalse();
        assertThat(workspace.get("botSettings").isNull() || !workspace.get("botSettings").has("unavailable"))
                .as(workspace.toString()).isTrue();
        assertThat(workspace.toString()).doesNotContain(DemoTenant.WIDGET_TOKEN);
    }

    private static HttpResponse<String> customerSays(String messageId, String text) throws Exception {
        return customerSays(messageId, "u-it", text);
    }

    private static HttpResponse<String> customerSays(String messageId, String user, String text) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/webhooks/api/" + DemoTenant.WIDGET_CHANNEL))
                .header("Authorization", "Bearer " + DemoTenant.WIDGET_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"messageId\":\"" + messageId + "\",\"user\":{\"id\":\""
                        + user + "\",\"name\":\"Ana\"},\"text\":\"" + text + "\"}")));
    }

    private static String widgetReceived() throws Exception {
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create(demo.repliesUrl()))).body()).toString();
    }

    @Test
    void every_service_is_reached_through_the_gateway_and_unknown_paths_say_what_is_served() throws Exception {
        assertThat(getJson("/api/v1/kb/articles").findValuesAsText("id"))
                .contains("opening-hours", "returns", "delivery-time", "payment-methods", "reset-password");
        assertThat(getJson("/api/v1/flows").toString()).contains("order-tracking");

        HttpResponse<String> unknown = send(authorised("/nowhere"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("/api/v1/kb", "/webhooks");
    }

    @Test
    void a_second_platform_on_the_same_ports_refuses_to_start_and_leaves_the_first_one_running() throws Exception {
        LocalPlatform second = new LocalPlatform(settings, new PrintWriter(new StringWriter()));

        assertThatThrownBy(second::start).hasMessageContaining("already up");
        second.close();

        assertThat(getJson("/api/v1/kb/articles").findValuesAsText("id")).contains("returns");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = send(authorised(path));
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpRequest.Builder authorised(String path) {
        return HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
                .header("Authorization", "Bearer " + demo.adminToken());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
