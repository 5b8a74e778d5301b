package io.parley.devstack.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.testkit.browser.HeadlessChromium;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code parley up --demo} as a user meets it: the packaged services, a real broker and PostgreSQL, everything
 * reached through the gateway only, the demo tenant set up through the public admin APIs. The printed walkthrough,
 * step by step: a customer's question at the web-widget webhook, the bot's answer (agent API, widget callback,
 * analytics), "No", the queue, the agent online and assigned, her reply at the widget.
 */
class LocalPlatformIT {

    /** The README's screenshots of the dashboard. */
    private static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");

    private static RunningDemo demo;

    @BeforeAll
    static void startThePlatform() {
        demo = RunningDemo.get();
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

        // 2. The customer says it did not help; 3. the conversation is queued for the triage team. As in the printed
        // walkthrough nobody is online yet (other tests on this shared platform may have left agents online).
        setPresence(demo.demo.agentToken(DemoTenant.SECOND_AGENT), "offline");
        setPresence(demo.demo.adminToken(), "offline");
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
        assertThat(getJson("/api/v1/agents/me").get("openConversations").asInt()).isPositive();

        // 5. She replies; 6. the customer's side shows her reply.
        HttpResponse<String> reply = send(authorised("/api/v1/conversations/" + id + "/messages")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"messageId\":\"walkthrough-reply-1\",\"text\":\"Hi Ana, I have started your return.\"}")));
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(widgetReceived())
                .contains("I have started your return"));
    }

    @Test
    void the_demo_workspace_was_set_up_through_the_admin_api_and_shows_no_secret() throws Exception {
        JsonNode workspace = getJson("/api/v1/admin/workspace");

        assertThat(workspace.get("channels").findValuesAsText("accountId")).contains(DemoTenant.WIDGET_CHANNEL,
                DemoTenant.SHOP_CHANNEL);
        // By id, not position: other browser tests on the shared platform (ConsoleIT's admin pages) add teams.
        JsonNode demoTeam = null;
        for (JsonNode team : workspace.get("teams")) {
            if (DemoTenant.TEAM.equals(team.path("id").asText())) {
                demoTeam = team;
            }
        }
        assertThat(demoTeam).as(workspace.toString()).isNotNull();
        assertThat(demoTeam.get("members").toString()).contains(DemoTenant.AGENT, DemoTenant.SECOND_AGENT);
        assertThat(workspace.get("agents").findValuesAsText("id")).contains(DemoTenant.AGENT, DemoTenant.SECOND_AGENT);
        assertThat(workspace.get("routingRules").has("unavailable")).as(workspace.toString()).isFalse();
        assertThat(workspace.get("botSettings").isNull() || !workspace.get("botSettings").has("unavailable"))
                .as(workspace.toString()).isTrue();
        assertThat(workspace.toString()).doesNotContain(DemoTenant.WIDGET_TOKEN);
    }

    @Test
    void the_dashboard_shows_live_figures_that_follow_the_log_within_two_seconds() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.open(demo.gatewayUrl() + "/dashboard/#token=" + demo.demo.adminToken());
            WebDriverWait page = new WebDriverWait(browser.driver(), Duration.ofSeconds(30));
            page.withMessage(browser::consoleLog).until(driver -> "live".equals(
                    driver.findElement(By.id("status")).getAttribute("class").replace("status", "").trim()));

            // The channel filter offers every channel, the web widget's too.
            assertThat(new Select(browser.driver().findElement(By.id("channel"))).getOptions())
                    .extracting(option -> option.getAttribute("value"))
                    .contains("whatsapp", "messenger", "instagram", "api", "web");

            // Nobody is online, so the customer who asks for a person waits in the team's queue.
            setPresence(demo.demo.adminToken(), "offline");
            setPresence(demo.demo.agentToken(DemoTenant.SECOND_AGENT), "offline");
            assertThat(customerSays("dash-1", "u-dash", "I want to talk to a person").statusCode()).isEqualTo(200);
            String conversation = "api:" + DemoTenant.WIDGET_CHANNEL + ":u-dash";
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                    getJson("/api/v1/conversations/" + conversation).hasNonNull("queuePosition"));
            // The handoff is in the log: within 2 s the page's queued + assigned tiles and the team's row of the queue
            // table equal the live figures.
            JsonNode live = getJson("/api/v1/metrics/live");
            int expected = live.get("conversations").get("queued").asInt() + live.get("conversations").get("assigned").asInt();
            String waiting = waitingIn(live, DemoTenant.TEAM);
            assertThat(waiting).isNotEqualTo("0");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(2)).withMessage(browser::consoleLog)
                    .ignoring(StaleElementReferenceException.class)
                    .until(driver -> tileValue(driver, "queued") + tileValue(driver, "assigned") == expected
                            && waiting.equals(driver.findElement(By.cssSelector(
                                    "#queues tr[data-team='" + DemoTenant.TEAM + "'] td.waiting")).getText()));
            browser.screenshot(SCREENSHOTS.resolve("dashboard.png"));

            // The tile that counts this conversation: other tests on the shared platform may leave others assigned.
            String counted = getJson("/api/v1/conversations/" + conversation).hasNonNull("assignee") ? "assigned" : "queued";
            browser.driver().findElement(By.cssSelector("[data-figure='" + counted + "']")).click();
            page.until(driver -> driver.findElement(By.id("drill-table")).getText().contains(conversation));
            browser.screenshot(SCREENSHOTS.resolve("dashboard-drill-down.png"));
        }
    }

    @Test
    void every_service_is_reached_through_the_gateway_and_unknown_paths_say_what_is_served() throws Exception {
        assertThat(getJson("/api/v1/kb/articles").findValuesAsText("id"))
                .contains("opening-hours", "returns", "delivery-time", "payment-methods", "reset-password");
        assertThat(getJson("/api/v1/flows").toString()).contains("order-tracking");

        HttpResponse<String> unknown = send(authorised("/nowhere"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("/api/v1/kb", "/webhooks");
        HttpResponse<String> kit = send(HttpRequest.newBuilder(URI.create(demo.gatewayUrl() + "/ui/parley.js")));
        assertThat(kit.statusCode()).as("the gateway serves the front-end kit").isEqualTo(200);
        assertThat(kit.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/javascript"));
        assertThat(send(HttpRequest.newBuilder(URI.create(demo.gatewayUrl() + "/ui/../secret"))).statusCode())
                .isEqualTo(404);
    }

    @Test
    void a_second_platform_on_the_same_ports_refuses_to_start_and_leaves_the_first_one_running() throws Exception {
        LocalPlatform second = new LocalPlatform(demo.settings, new PrintWriter(new StringWriter()));

        assertThatThrownBy(second::start).hasMessageContaining("already up");
        second.close();

        assertThat(getJson("/api/v1/kb/articles").findValuesAsText("id")).contains("returns");
    }

    private static void setPresence(String token, String presence) throws Exception {
        HttpResponse<String> changed = send(HttpRequest.newBuilder(URI.create(demo.gatewayUrl()
                        + "/api/v1/agents/me/presence")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"presence\":\"" + presence + "\"}")));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    }

    /** The number of conversations waiting in a team's queue, as the live figures say and the table shows it. */
    private static String waitingIn(JsonNode live, String team) {
        for (JsonNode queue : live.path("queues")) {
            if (team.equals(queue.path("team").asText())) {
                return queue.path("waiting").asText();
            }
        }
        return "0";
    }

    private static int tileValue(WebDriver driver, String figure) {
        String value = driver.findElement(By.cssSelector("[data-figure='" + figure + "'] .value")).getText();
        return value.matches("\\d+") ? Integer.parseInt(value) : -1;
    }

    private static HttpResponse<String> customerSays(String messageId, String text) throws Exception {
        return demo.customerSays(messageId, "u-it", text);
    }

    private static HttpResponse<String> customerSays(String messageId, String user, String text) throws Exception {
        return demo.customerSays(messageId, user, text);
    }

    private static String widgetReceived() throws Exception {
        return demo.widgetReceived();
    }

    private static JsonNode getJson(String path) throws Exception {
        return demo.getJson(path);
    }

    private static HttpRequest.Builder authorised(String path) {
        return demo.authorised(path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return RunningDemo.send(request);
    }
}
