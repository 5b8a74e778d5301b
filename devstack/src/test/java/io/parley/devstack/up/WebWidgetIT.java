package io.parley.devstack.up;

import static io.parley.devstack.up.RunningDemo.JSON;
import static io.parley.devstack.up.RunningDemo.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.events.web.SignedIdentity;
import io.parley.testkit.auth.DevTokens;
import io.parley.testkit.browser.HeadlessChromium;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web widget on the demo shop page, in real headless Chromium against {@code parley up --demo}: a visitor asks in
 * Spanish, the bot answers with buttons, "No" hands off, an agent's reply arrives live, a reload keeps the history, a
 * second visitor sees none of it, an XSS probe stays text; outside hours the notice board and the leave-a-message form
 * make a ticket. Each test has visitors (and for after-hours a tenant) of its own. Screenshots go to docs/screenshots.
 */
class WebWidgetIT {

    private static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");
    private static final String PROBE = "<img src=x onerror=\"window.parleyXss=1\">";

    private final RunningDemo demo = RunningDemo.get();

    @Test
    void a_visitor_talks_to_the_bot_in_spanish_then_to_an_agent_and_keeps_the_history() throws Exception {
        String conversation;
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.open(demo.gatewayUrl() + "/shop/?lang=es");
            WebDriverWait page = waitFor(browser.driver(), Duration.ofSeconds(30));
            page.withMessage(browser::consoleLog).until(driver -> "live".equals(host(driver).getAttribute("data-stream")));
            widget(browser.driver()).findElement(By.cssSelector(".launcher")).click();
            write(browser.driver(), "Olvidé mi contraseña");

            // 1. The bot answers in Spanish, then asks whether that solved it, with buttons.
            WebDriverWait bot = waitFor(browser.driver(), Duration.ofSeconds(60));
            bot.withMessage(browser::consoleLog).until(driver -> messages(driver, "bot").contains("enlace"));
            bot.until(driver -> !optionButtons(driver).isEmpty());
            assertThat(optionButtons(browser.driver())).extracting(WebElement::getText).contains("Sí", "No");
            assertThat(widget(browser.driver()).findElement(By.cssSelector(".launcher")).getAttribute("aria-label"))
                    .isEqualTo("Cerrar chat");
            conversation = host(browser.driver()).getAttribute("data-conversation");
            assertThat(conversation).startsWith("web:" + DemoTenant.SHOP_CHANNEL + ":v-");
            JsonNode first = demo.getJson("/api/v1/conversations/" + conversation + "/messages");
            assertThat(first.toString()).contains("\"kind\":\"text\"");
            browser.screenshot(SCREENSHOTS.resolve("widget-bot-es.png"));

            // 2. "No": the conversation is handed off to people.
            optionButtons(browser.driver()).stream().filter(button -> button.getText().equals("No")).findFirst()
                    .orElseThrow().click();
            String id = conversation;
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                JsonNode row = demo.getJson("/api/v1/conversations/" + id);
                assertThat(row.hasNonNull("assignee") || row.hasNonNull("queuePosition")).as(row.toString()).isTrue();
            });
            bot.until(driver -> !widget(driver).findElements(By.cssSelector("[data-handoff]")).isEmpty());

            // 3. An agent replies through the gateway API: the widget shows it within 2 s.
            agentReplies(conversation, "Hola, soy Ada. Te envío un enlace nuevo ahora.");
            waitFor(browser.driver(), Duration.ofSeconds(2)).withMessage(browser::consoleLog)
                    .until(driver -> messages(driver, "agent").contains("Te envío un enlace nuevo"));

            // 6. Text from the visitor and from an agent stays text: the probe is shown, nothing runs.
            write(browser.driver(), PROBE);
            agentReplies(conversation, PROBE);
            waitFor(browser.driver(), Duration.ofSeconds(10)).until(driver ->
                    messages(driver, "agent").contains(PROBE) && messages(driver, "visitor").contains(PROBE));
            assertThat(widget(browser.driver()).findElements(By.cssSelector(".log img"))).isEmpty();
            assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.parleyXss")).isNull();
            assertThat(demo.getJson("/api/v1/conversations/" + conversation + "/messages").toString())
                    .contains("onerror").doesNotContain("\"kind\":\"unsupported\"");
            browser.screenshot(SCREENSHOTS.resolve("widget-agent-reply.png"));

            // 4. A reload keeps the conversation and its history.
            browser.driver().navigate().refresh();
            page.until(driver -> "live".equals(host(driver).getAttribute("data-stream")));
            assertThat(host(browser.driver()).getAttribute("data-conversation")).isEqualTo(conversation);
            // The panel starts closed after a reload; Selenium reads only visible text.
            widget(browser.driver()).findElement(By.cssSelector(".launcher")).click();
            page.until(driver -> messages(driver, "agent").contains("Te envío un enlace nuevo")
                    && messages(driver, "bot").contains("enlace") && messages(driver, "visitor").contains(PROBE));
        }

        // 5. A second visitor (a fresh browser) sees none of it, and their token cannot read the first conversation.
        try (HeadlessChromium other = HeadlessChromium.start()) {
            other.open(demo.gatewayUrl() + "/shop/");
            WebDriverWait page = waitFor(other.driver(), Duration.ofSeconds(30));
            page.withMessage(other::consoleLog).until(driver -> "live".equals(host(driver).getAttribute("data-stream")));
            assertThat(host(other.driver()).getAttribute("data-conversation")).isNotEqualTo(conversation);
            assertThat(widget(other.driver()).findElements(By.cssSelector(".msg"))).isEmpty();
        }
        String otherToken = session(DemoTenant.SHOP_CHANNEL, Map.of()).get("token").asText();
        HttpResponse<String> foreign = send(visitor("/web/v1/conversations/" + conversation, otherToken));
        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(404);
    }

    @Test
    void signed_identities_origins_sizes_and_rate_limits_are_enforced() throws Exception {
        String channel = DemoTenant.SHOP_CHANNEL;
        String userHash = SignedIdentity.hashOf(DemoTenant.SHOP_IDENTITY_SECRET, "customer-42");

        JsonNode signed = session(channel, Map.of("userId", "customer-42", "userHash", userHash));
        assertThat(signed.get("conversationId").asText()).isEqualTo("web:" + channel + ":u-customer-42");
        assertThat(sessionResponse(channel, Map.of("userId", "customer-42"), null).statusCode()).isEqualTo(401);
        assertThat(sessionResponse(channel, Map.of("userId", "customer-42", "userHash",
                SignedIdentity.hashOf("guess", "customer-42")), null).statusCode()).isEqualTo(401);
        assertThat(sessionResponse(channel, Map.of(), "https://evil.example").statusCode()).isEqualTo(403);
        HttpResponse<String> allowed = sessionResponse(channel, Map.of(), DemoTenant.shopOrigins(demo.gatewayUrl())
                .get(0));
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
                .contains(DemoTenant.shopOrigins(demo.gatewayUrl()).get(0));

        JsonNode anonymous = session(channel, Map.of());
        String token = anonymous.get("token").asText();
        String visitor = anonymous.get("visitor").asText();
        assertThat(session(channel, Map.of("token", token)).get("visitor").asText())
                .as("a kept token continues the same visitor").isEqualTo(visitor);
        HttpResponse<String> tooLong = postMessage(channel, token, Map.of("id", visitor + ".long",
                "text", "x".repeat(4001)));
        assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(413);
        HttpResponse<String> unsigned = send(HttpRequest.newBuilder(URI.create(demo.gatewayUrl() + "/web/v1/visitors/"
                + channel + "/messages")).POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(unsigned.statusCode()).isEqualTo(401);

        HttpResponse<String> response = null;
        for (int i = 0; i < 30; i++) {
            response = postMessage(channel, token, Map.of("id", visitor + ".burst" + i, "text", "ping " + i));
            if (response.statusCode() == 429) {
                break;
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        }
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void outside_hours_the_widget_shows_the_hours_and_a_left_message_becomes_a_ticket() throws Exception {
        // A tenant of its own whose default calendar is closed today, so the demo tenant's hours stay untouched.
        String tenant = "widget-closed";
        String admin = DevTokens.issue(tenant, "owner", "agent", "admin");
        String channel = "closed-shop";
        DayOfWeek openDay = LocalDate.now(ZoneOffset.UTC).getDayOfWeek().plus(3);
        asAdmin(admin, "POST", "/api/v1/admin/channels", Map.of("channel", "web", "accountId", channel,
                "name", "Closed shop", "allowedOrigins", DemoTenant.shopOrigins(demo.gatewayUrl())));
        asAdmin(admin, "PUT", "/api/v1/admin/hours/default", Map.of("timeZone", "UTC",
                "weekly", Map.of(openDay.name(), List.of(Map.of("from", "09:00", "to", "10:00")))));

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.open(demo.gatewayUrl() + "/shop/?channel=" + channel + "&lang=en");
            WebDriverWait page = waitFor(browser.driver(), Duration.ofSeconds(30));
            page.withMessage(browser::consoleLog).until(driver -> "live".equals(host(driver).getAttribute("data-stream")));
            widget(browser.driver()).findElement(By.cssSelector(".launcher")).click();
            WebElement notice = widget(browser.driver()).findElement(By.cssSelector(".notice"));
            assertThat(notice.getAttribute("data-state")).isEqualTo("after-hours");
            assertThat(notice.getText()).contains("Our hours (UTC)", "09:00–10:00");

            SearchContext form = widget(browser.driver());
            form.findElement(By.cssSelector(".leave input[name=email]")).sendKeys("ana@example.com");
            form.findElement(By.cssSelector(".leave textarea[name=text]")).sendKeys("Please call me about my order 1234");
            browser.screenshot(SCREENSHOTS.resolve("widget-after-hours.png"));
            form.findElement(By.cssSelector(".leave button[type=submit]")).click();
            page.until(driver -> widget(driver).findElement(By.cssSelector(".notice")).getText()
                    .contains("ana@example.com"));
            String conversation = host(browser.driver()).getAttribute("data-conversation");

            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                JsonNode tickets = JSON.readTree(send(HttpRequest.newBuilder(URI.create(demo.gatewayUrl()
                        + "/api/v1/tickets")).header("Authorization", "Bearer " + admin)).body());
                assertThat(tickets.findValuesAsText("conversationId")).contains(conversation);
            });
            page.until(driver -> !widget(driver).findElements(By.cssSelector("[data-ticket]")).isEmpty());
        }
    }

    // ---- the widget in the page

    /** The widget re-renders its log on every update, so an element found a moment ago may be gone: look again. */
    private static WebDriverWait waitFor(WebDriver driver, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static WebElement host(WebDriver driver) {
        return driver.findElement(By.cssSelector("[data-parley-widget]"));
    }

    private static SearchContext widget(WebDriver driver) {
        return host(driver).getShadowRoot();
    }

    private static void write(WebDriver driver, String text) {
        WebElement input = widget(driver).findElement(By.cssSelector(".composer textarea"));
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
    }

    private static String messages(WebDriver driver, String from) {
        return String.join("\n", widget(driver).findElements(By.cssSelector(".msg[data-from='" + from + "']"))
                .stream().map(WebElement::getText).toList());
    }

    private static List<WebElement> optionButtons(WebDriver driver) {
        return widget(driver).findElements(By.cssSelector(".msg .options button")).stream()
                .filter(WebElement::isEnabled).toList();
    }

    // ---- HTTP as the agent, the admin and a visitor

    private void agentReplies(String conversation, String text) throws Exception {
        HttpResponse<String> reply = send(demo.authorised("/api/v1/conversations/" + conversation + "/messages")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("messageId", UUID.randomUUID().toString(), "text", text)))));
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    }

    private void asAdmin(String token, String method, String path, Map<String, Object> body) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(demo.gatewayUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        assertThat(response.statusCode()).as(method + " " + path + " → " + response.body()).isBetween(200, 201);
    }

    private JsonNode session(String channel, Map<String, String> body) throws Exception {
        HttpResponse<String> response = sessionResponse(channel, body, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> sessionResponse(String channel, Map<String, String> body, String origin)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(demo.gatewayUrl() + "/web/v1/visitors/"
                + channel + "/sessions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return send(request);
    }

    private HttpResponse<String> postMessage(String channel, String token, Map<String, String> body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(demo.gatewayUrl() + "/web/v1/visitors/" + channel + "/messages"))
                .header("Authorization", "Visitor " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private HttpRequest.Builder visitor(String path, String token) {
        return HttpRequest.newBuilder(URI.create(demo.gatewayUrl() + path)).header("Authorization", "Visitor " + token);
    }
}
