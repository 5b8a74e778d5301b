package io.parley.devstack.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testkit.auth.DevTokens;
import io.parley.testkit.browser.HeadlessChromium;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The agent console in real headless Chromium on the running demo platform, through the gateway only: the issue's
 * walkthrough from a customer's question to a person resolving it, with a second agent's console following live, a
 * dropped stream that loses nothing, and another tenant's agent who sees none of it. Screenshots go to
 * docs/screenshots for the README.
 */
class ConsoleIT {

    private static final String CUSTOMER = "u-console-1";
    private static final String CONVERSATION = "api:" + DemoTenant.WIDGET_CHANNEL + ":" + CUSTOMER;
    private static final String CANNED_SHORTCUT = "console-return";
    private static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");
    private static final Duration PLATFORM = Duration.ofSeconds(30);

    private static RunningDemo demo;

    @BeforeAll
    static void startThePlatform() throws Exception {
        demo = RunningDemo.get();
        HttpResponse<String> canned = RunningDemo.send(demo.authorised("/api/v1/canned-responses")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(RunningDemo.JSON.writeValueAsString(Map.of(
                        "shortcut", CANNED_SHORTCUT, "title", "Return started",
                        "body", "Hi {{contact.name}}, I have started your return.")))));
        assertThat(canned.statusCode()).as(canned.body()).isEqualTo(201);
    }

    @Test
    void an_agent_takes_a_handoff_from_queue_to_resolution_and_only_her_tenant_sees_it() throws Exception {
        // Nobody online, so the handoff waits in the queue where the console shows it.
        setPresence(demo.demo.adminToken(), "offline");
        setPresence(demo.demo.agentToken(DemoTenant.SECOND_AGENT), "offline");
        try (HeadlessChromium ada = HeadlessChromium.start(); HeadlessChromium bob = HeadlessChromium.start();
                HeadlessChromium zoe = HeadlessChromium.start()) {
            signIn(ada, demo.demo.adminToken());
            signIn(bob, demo.demo.agentToken(DemoTenant.SECOND_AGENT));
            signIn(zoe, DevTokens.issue("other-tenant", "zoe", "agent"));
            showList(ada, "unassigned");

            // 1-2. The customer asks on the API channel and the bot answers (it trains on the demo KB first).
            assertThat(demo.customerSays("console-1", CUSTOMER, "how can I return an item I bought?").statusCode())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(
                    demo.getJson("/api/v1/conversations/" + CONVERSATION + "/messages").toString())
                    .contains("within 30 days"));

            // 3-4. The customer asks for a person: queued, and in ada's Unassigned within 2 s, with its wait.
            assertThat(demo.customerSays("console-2", CUSTOMER, "I want to talk to a person").statusCode())
                    .isEqualTo(200);
            await().atMost(PLATFORM).until(() -> demo.getJson("/api/v1/conversations/" + CONVERSATION)
                    .hasNonNull("queuePosition"));
            page(ada, Duration.ofSeconds(2)).until(driver -> listed(driver, CONVERSATION));
            page(ada).until(driver -> item(driver, CONVERSATION).getText().contains("Ana")
                    && item(driver, CONVERSATION).getText().contains("waiting"));
            ada.screenshot(SCREENSHOTS.resolve("console-unassigned.png"));

            // 5. Ada goes online with the presence switch; routing assigns it to her; her Mine list shows it.
            new Select(ada.driver().findElement(By.id("presence"))).selectByValue("online");
            showList(ada, "mine");
            page(ada).until(driver -> listed(driver, CONVERSATION));
            page(ada).until(driver -> driver.findElement(By.id("load")).getText().contains("of 5")
                    && !driver.findElement(By.id("load")).getText().contains(": 0 of"));
            openConversation(ada);
            page(ada).until(driver -> driver.findElement(By.id("timeline")).getText().contains("within 30 days"));
            String reason = demo.getJson("/api/v1/conversations/" + CONVERSATION).path("handoff").path("reason").asText();
            assertThat(reason).isNotEmpty();
            page(ada).until(driver -> driver.findElement(By.id("handoff")).getText().contains(reason));

            // ... and replies with a canned response, its placeholder filled by the server.
            WebElement reply = ada.driver().findElement(By.id("reply"));
            reply.sendKeys("/" + CANNED_SHORTCUT.substring(0, CANNED_SHORTCUT.length() - 3));
            page(ada).until(driver -> driver.findElement(By.cssSelector(
                    "#canned-options [aria-selected='true']")).getAttribute("data-shortcut").equals(CANNED_SHORTCUT));
            reply.sendKeys(Keys.ENTER);
            page(ada).until(driver -> driver.findElement(By.id("reply")).getAttribute("value")
                    .equals("Hi Ana, I have started your return."));
            ada.driver().findElement(By.id("send")).click();

            // 6. The customer's inbox shows the reply; the console shows its delivery state.
            await().atMost(PLATFORM).untilAsserted(() -> assertThat(demo.widgetReceived())
                    .contains("I have started your return"));
            page(ada).until(driver -> delivered(driver, "I have started your return"));
            ada.screenshot(SCREENSHOTS.resolve("console-conversation.png"));

            // 7. A private note, then a transfer to bob, whose open console follows live.
            setPresence(demo.demo.agentToken(DemoTenant.SECOND_AGENT), "online");
            showList(bob, "mine");
            ada.driver().findElement(By.id("note-mode")).click();
            ada.driver().findElement(By.id("reply")).sendKeys("Wants a refund, not an exchange");
            ada.driver().findElement(By.id("send")).click();
            page(ada).until(driver -> driver.findElement(By.id("timeline")).getText()
                    .contains("Wants a refund, not an exchange"));
            page(ada).until(driver -> !driver.findElements(By.cssSelector(
                    "#transfer-to option[value='agent:" + DemoTenant.SECOND_AGENT + "']")).isEmpty());
            new Select(ada.driver().findElement(By.id("transfer-to"))).selectByValue("agent:" + DemoTenant.SECOND_AGENT);
            ada.driver().findElement(By.id("transfer-note")).sendKeys("Bob handles refunds");
            ada.driver().findElement(By.id("transfer")).click();
            page(bob).until(driver -> listed(driver, CONVERSATION));
            page(ada).until(driver -> driver.findElement(By.id("conversation-assignee")).getText()
                    .equals(DemoTenant.SECOND_AGENT));
            openConversation(bob);
            page(bob).until(driver -> driver.findElement(By.id("timeline")).getText().contains("Bob handles refunds"));

            // Bob's stream is cut while the customer writes again: the reconnection's resync brings the message.
            page(bob).until(driver -> settled(bob));
            int resyncs = resyncs(bob);
            ((JavascriptExecutor) bob.driver()).executeScript("window.parleyConsole.cutStream()");
            page(bob).until(driver -> driver.findElement(By.id("stream-status")).getAttribute("class")
                    .contains("reconnecting"));
            assertThat(demo.customerSays("console-3", CUSTOMER, "Is anyone still there?").statusCode()).isEqualTo(200);
            await().atMost(PLATFORM).untilAsserted(() -> assertThat(demo.getJson("/api/v1/conversations/"
                    + CONVERSATION + "/messages").toString()).contains("Is anyone still there?"));
            assertThat(bob.driver().findElement(By.id("timeline")).getText()).doesNotContain("Is anyone still there?");
            ((JavascriptExecutor) bob.driver()).executeScript("window.parleyConsole.restoreStream()");
            page(bob).until(driver -> resyncs(bob) > resyncs
                    && driver.findElement(By.id("timeline")).getText().contains("Is anyone still there?"));
            assertThat(bob.driver().findElement(By.id("stream-status")).getAttribute("class")).contains("live");
            bob.screenshot(SCREENSHOTS.resolve("console-transferred.png"));

            // Bob resolves; it leaves his Mine list and ada's All list shows it resolved.
            bob.driver().findElement(By.id("resolve")).click();
            page(bob).until(driver -> !listed(driver, CONVERSATION));
            await().atMost(PLATFORM).until(() -> "solved".equals(demo.getJson("/api/v1/conversations/" + CONVERSATION)
                    .path("status").asText()));
            showList(ada, "all");
            page(ada).until(driver -> listed(driver, CONVERSATION)
                    && item(driver, CONVERSATION).getText().contains("Resolved"));

            // Another tenant's agent, whose console was open all along, sees none of it, not even by its id.
            showList(zoe, "all");
            assertThat(zoe.driver().findElement(By.id("conversation-list")).getText()).doesNotContain(CUSTOMER, "Ana");
            assertThat(listed(zoe.driver(), CONVERSATION)).isFalse();
            zoe.open(demo.gatewayUrl() + "/console/#/c/" + CONVERSATION);
            page(zoe).until(driver -> driver.findElement(By.id("conversation-error")).isDisplayed());
            assertThat(zoe.driver().getPageSource()).doesNotContain("Is anyone still there?", "Bob handles refunds");
        }
    }

    @Test
    void an_admin_works_with_plain_forms_and_never_sees_a_channel_secret() throws Exception {
        try (HeadlessChromium ada = HeadlessChromium.start()) {
            signIn(ada, demo.demo.adminToken());
            ada.driver().findElement(By.id("admin-link")).click();
            page(ada).until(driver -> driver.findElement(By.id("admin-items")).getText().contains(DemoTenant.AGENT));

            ada.open(demo.gatewayUrl() + "/console/#/admin/teams");
            page(ada).until(driver -> driver.findElement(By.id("admin-items")).getText().contains(DemoTenant.TEAM));

            ada.open(demo.gatewayUrl() + "/console/#/admin/canned");
            page(ada).until(driver -> !driver.findElements(By.id("field-shortcut")).isEmpty());
            ada.driver().findElement(By.id("field-shortcut")).sendKeys("console-admin-thanks");
            ada.driver().findElement(By.id("field-title")).sendKeys("Thanks");
            ada.driver().findElement(By.id("field-body")).sendKeys("Thank you, {{contact.name}}!");
            ada.driver().findElement(By.cssSelector("#admin-form button[type='submit']")).click();
            page(ada).until(driver -> driver.findElement(By.id("admin-items")).getText().contains("console-admin-thanks"));
            assertThat(demo.getJson("/api/v1/canned-responses").findValuesAsText("shortcut"))
                    .contains("console-admin-thanks");

            ada.open(demo.gatewayUrl() + "/console/#/admin/channels");
            page(ada).until(driver -> driver.findElement(By.id("admin-items")).getText()
                    .contains(DemoTenant.WIDGET_CHANNEL));
            assertThat(ada.driver().getPageSource()).doesNotContain(DemoTenant.WIDGET_TOKEN);
            ada.screenshot(SCREENSHOTS.resolve("console-admin.png"));
        }
    }

    private static void signIn(HeadlessChromium browser, String token) {
        browser.open(demo.gatewayUrl() + "/console/#token=" + token);
        page(browser).until(driver -> driver.findElement(By.id("stream-status")).getAttribute("class")
                .contains("live"));
        assertThat(browser.driver().getCurrentUrl()).doesNotContain(token);
    }

    private static void showList(HeadlessChromium browser, String view) {
        browser.driver().findElement(By.id("tab-" + view)).click();
        page(browser).until(driver -> "true".equals(driver.findElement(By.id("tab-" + view))
                .getAttribute("aria-selected")));
    }

    private static boolean listed(WebDriver driver, String conversationId) {
        return !driver.findElements(itemSelector(conversationId)).isEmpty();
    }

    private static WebElement item(WebDriver driver, String conversationId) {
        return driver.findElement(itemSelector(conversationId));
    }

    private static By itemSelector(String conversationId) {
        return By.cssSelector("#conversation-list li[data-id='" + conversationId + "']");
    }

    /** Whether the agent message with this text shows a delivery state the channel reported (not just "sending"). */
    private static boolean delivered(WebDriver driver, String text) {
        for (WebElement message : driver.findElements(By.cssSelector("#timeline li.message.out.agent"))) {
            List<WebElement> state = message.findElements(By.cssSelector("[data-delivery]"));
            if (message.getText().contains(text) && !state.isEmpty()
                    && List.of("accepted", "sent", "delivered", "read").contains(state.get(0).getAttribute("data-delivery"))) {
                return true;
            }
        }
        return false;
    }

    /** No re-read of a conversation is still due, so nothing but the stream or a resync updates the page. */
    private static boolean settled(HeadlessChromium browser) {
        return ((Number) ((JavascriptExecutor) browser.driver())
                .executeScript("return window.parleyConsole.pendingRereads")).intValue() == 0;
    }

    private static int resyncs(HeadlessChromium browser) {
        return ((Number) ((JavascriptExecutor) browser.driver()).executeScript("return window.parleyConsole.resyncs"))
                .intValue();
    }

    private static WebDriverWait page(HeadlessChromium browser) {
        return page(browser, PLATFORM);
    }

    /** Live updates re-render parts of the page, so an element found a moment ago may be gone: look again. */
    private static WebDriverWait page(HeadlessChromium browser, Duration timeout) {
        return (WebDriverWait) new WebDriverWait(browser.driver(), timeout).withMessage(browser::consoleLog)
                .ignoring(StaleElementReferenceException.class);
    }

    private static void openConversation(HeadlessChromium browser) {
        page(browser).until(driver -> {
            item(driver, CONVERSATION).findElement(By.tagName("a")).click();
            return true;
        });
        page(browser).until(driver -> driver.findElement(By.id("conversation-title")).isDisplayed());
    }

    private static void setPresence(String token, String presence) throws Exception {
        HttpResponse<String> response = RunningDemo.send(HttpRequest.newBuilder(
                        URI.create(demo.gatewayUrl() + "/api/v1/agents/me/presence"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"presence\":\"" + presence + "\"}")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
