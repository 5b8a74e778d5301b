package io.parley.devstack.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.events.ids.ConversationId;
import io.parley.testkit.auth.DevTokens;
import io.parley.testkit.browser.HeadlessChromium;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
    /** The same customer under another id: an account of hers the agent links to the contact. */
    private static final String OTHER_ID = "ana-console-other";
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

            // 1-2. The customer asks on the API channel and the bot answers (it trains on the demo KB first). She wrote
            // before from another account of hers, with a question the bot answered too.
            assertThat(demo.customerSays("console-0", OTHER_ID, "I am Ana again: how can I return an item I bought?").statusCode()).isEqualTo(200);
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
            assertThat(unlabelledControls(ada)).isEmpty();

            // 5. Ada goes online with the presence switch; routing assigns it to her; her Mine list shows it.
            new Select(ada.driver().findElement(By.id("presence"))).selectByValue("online");
            showList(ada, "mine");
            page(ada).until(driver -> listed(driver, CONVERSATION));
            page(ada).until(driver -> driver.findElement(By.id("load")).getText().contains("of 5")
                    && !driver.findElement(By.id("load")).getText().contains(": 0 of"));

            // The customer writes again before ada opens it: an unread badge, a notification (with its sound).
            assertThat(demo.customerSays("console-1b", CUSTOMER, "Hello? Anyone?").statusCode()).isEqualTo(200);
            page(ada).until(driver -> driver.findElement(By.cssSelector("#tab-mine .badge")).isDisplayed()
                    && item(driver, CONVERSATION).getAttribute("class").contains("unread"));
            assertThat(ada.driver().getTitle()).startsWith("(");
            page(ada).until(driver -> notifications(ada).containsAll(List.of("New conversation for you",
                    "New message from Ana")));

            // Alt+J, the next-conversation key, opens it (the search narrows the list to this customer) and reads it.
            ada.driver().findElement(By.id("filter-q")).sendKeys(CUSTOMER);
            page(ada).until(driver -> driver.findElements(By.cssSelector("#conversation-list li[data-id]")).size() == 1);
            ada.driver().findElement(By.tagName("body")).sendKeys(Keys.chord(Keys.ALT, "j"));
            page(ada).until(driver -> item(driver, CONVERSATION).getAttribute("class").contains("current")
                    && driver.findElement(By.id("conversation-title")).isDisplayed()
                    && !driver.findElement(By.cssSelector("#tab-mine .badge")).isDisplayed());
            page(ada).until(driver -> driver.findElement(By.id("timeline")).getText().contains("within 30 days"));
            String reason = demo.getJson("/api/v1/conversations/" + CONVERSATION).path("handoff").path("reason").asText();
            assertThat(reason).isNotEmpty();
            page(ada).until(driver -> driver.findElement(By.id("handoff")).getText().contains(reason));

            // The bot's suggested answers to her last message: one click puts one in the reply box.
            await().atMost(PLATFORM).until(() -> demo.getJson("/api/v1/conversations/" + CONVERSATION + "/suggestions")
                    .path("suggestions").size() > 0);
            String suggested = demo.getJson("/api/v1/conversations/" + CONVERSATION + "/suggestions")
                    .path("suggestions").get(0).path("text").asText();
            page(ada).until(driver -> {
                driver.findElement(By.cssSelector("#suggestions button.suggestion")).click();
                return driver.findElement(By.id("reply")).getAttribute("value").equals(suggested);
            });
            ada.driver().findElement(By.id("reply")).clear();

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
            assertThat(unlabelledControls(ada)).isEmpty();

            // The contact panel: attributes saved through the API, and her other id linked into one timeline.
            WebElement attributes = ada.driver().findElement(By.id("attributes-edit"));
            attributes.clear();
            attributes.sendKeys("plan: gold\nordered: 2026-11-30");
            ada.driver().findElement(By.id("attributes-save")).click();
            page(ada).until(driver -> driver.findElement(By.id("attributes")).getText().contains("gold"));
            assertThat(demo.getJson("/api/v1/contacts/api:" + CUSTOMER).path("attributes").path("plan").asText())
                    .isEqualTo("gold");
            new Select(ada.driver().findElement(By.id("link-channel"))).selectByValue("api");
            ada.driver().findElement(By.id("link-id")).sendKeys(OTHER_ID);
            ada.driver().findElement(By.id("link-save")).click();
            page(ada).until(driver -> driver.findElement(By.id("identities")).getText().contains(OTHER_ID)
                    && driver.findElement(By.id("timeline")).getText().contains("I am Ana again")
                    && driver.findElement(By.id("previous")).getText().contains("api"));
            page(ada).until(driver -> driver.findElement(By.cssSelector("#timeline li.elsewhere .channel-tag")).isDisplayed());

            // Labels, shown in the list and filtering it; a snooze until tomorrow (the customer's next message wakes it).
            WebElement labels = ada.driver().findElement(By.id("labels"));
            labels.clear();
            labels.sendKeys("refund, vip");
            ada.driver().findElement(By.id("save-labels")).click();
            ada.driver().findElement(By.id("filter-q")).clear();
            ada.driver().findElement(By.id("filter-label")).sendKeys("vip", Keys.TAB);
            page(ada).until(driver -> listed(driver, CONVERSATION)
                    && item(driver, CONVERSATION).getText().contains("refund, vip"));
            // Live updates re-render the header (the labels are in it): set the time once they are all in.
            page(ada).until(driver -> settled(ada));
            ((JavascriptExecutor) ada.driver()).executeScript("document.getElementById('snooze-until').value ="
                    + " new Date(Date.now() + 86400000 - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 16)");
            ada.driver().findElement(By.id("snooze")).click();
            page(ada).until(driver -> "snoozed".equals(driver.findElement(By.id("conversation-status"))
                    .getAttribute("data-status")));
            WebElement label = ada.driver().findElement(By.id("filter-label"));
            label.clear();
            label.sendKeys(Keys.TAB);

            // 7. A private note (Alt+N), then a transfer to bob, whose open console follows live.
            setPresence(demo.demo.agentToken(DemoTenant.SECOND_AGENT), "online");
            showList(bob, "mine");
            ada.driver().findElement(By.id("reply")).sendKeys(Keys.chord(Keys.ALT, "n"));
            page(ada).until(driver -> driver.findElement(By.id("note-mode")).isSelected());
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

            // Both have it open: each console says the other agent has it open too, live.
            page(bob).until(driver -> driver.findElement(By.id("viewers")).getText().contains(DemoTenant.AGENT));
            page(ada).until(driver -> driver.findElement(By.id("viewers")).getText().contains(DemoTenant.SECOND_AGENT));

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

            // The customer's message woke the snoozed conversation. Bob resolves it with Alt+R; it leaves his Mine list
            // and ada's All list shows it resolved.
            page(bob).until(driver -> "open".equals(driver.findElement(By.id("conversation-status"))
                    .getAttribute("data-status")));
            bob.driver().findElement(By.tagName("body")).sendKeys(Keys.chord(Keys.ALT, "r"));
            page(bob).until(driver -> !listed(driver, CONVERSATION));
            await().atMost(PLATFORM).until(() -> "solved".equals(demo.getJson("/api/v1/conversations/" + CONVERSATION)
                    .path("status").asText()));
            showList(ada, "all");
            page(ada).until(driver -> listed(driver, CONVERSATION)
                    && item(driver, CONVERSATION).getText().contains("Resolved"));

            // The customer is asked to rate the help and answers: her score shows on the conversation.
            await().atMost(PLATFORM).untilAsserted(() -> assertThat(demo.widgetReceived()).contains("How would you rate"));
            assertThat(demo.customerSays("console-4", CUSTOMER, "5 thank you").statusCode()).isEqualTo(200);
            await().atMost(PLATFORM).until(() -> demo.getJson("/api/v1/conversations/" + CONVERSATION)
                    .path("csatScore").asInt() == 5);
            ada.open(demo.gatewayUrl() + "/console/#/c/" + CONVERSATION);
            page(ada).until(driver -> driver.findElement(By.id("csat")).getText().contains("5"));

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
    void a_refused_send_shows_failed_with_the_channels_error_and_a_closed_whatsapp_window_offers_the_template_route()
            throws Exception {
        String lapsed = "15550009001";
        String unreachable = "15550009002";
        String lapsedConversation = ConversationId.whatsapp(DemoAccounts.WHATSAPP.accountId(), lapsed).toString();
        String unreachableConversation = ConversationId.whatsapp(DemoAccounts.WHATSAPP.accountId(), unreachable)
                .toString();
        demo.platform.graph().refuseSendsTo(unreachable);
        assertThat(demo.whatsAppCustomerSays("wamid.console-lapsed", lapsed, "Is my parcel on its way?",
                Instant.now().minus(Duration.ofHours(25))).statusCode()).isEqualTo(200);
        assertThat(demo.whatsAppCustomerSays("wamid.console-unreachable", unreachable, "Is my parcel on its way?",
                Instant.now()).statusCode()).isEqualTo(200);
        try (HeadlessChromium ada = HeadlessChromium.start()) {
            signIn(ada, demo.demo.adminToken());

            // The customer last wrote 25 hours ago: the box says WhatsApp refuses free text and offers a template,
            // which is sent and delivered.
            ada.open(demo.gatewayUrl() + "/console/#/c/" + lapsedConversation);
            page(ada).until(driver -> driver.findElement(By.id("window-closed")).isDisplayed()
                    && driver.findElement(By.id("template")).isDisplayed());
            ada.driver().findElement(By.id("template-name")).sendKeys("order_update");
            ada.driver().findElement(By.cssSelector("#template button")).click();
            assertThat(unlabelledControls(ada)).isEmpty();
            page(ada).until(driver -> delivered(driver, "order_update"));
            assertThat(demo.platform.graph().requests()).anySatisfy(request -> assertThat(request.bodyAsString())
                    .contains(lapsed, "template", "order_update"));
            ada.screenshot(SCREENSHOTS.resolve("console-window-closed.png"));

            // The number cannot receive messages: the reply shows failed, with the channel's error.
            ada.open(demo.gatewayUrl() + "/console/#/c/" + unreachableConversation);
            page(ada).until(driver -> driver.findElement(By.id("conversation-title")).isDisplayed()
                    && driver.findElements(By.id("window-closed")).stream().noneMatch(WebElement::isDisplayed));
            ada.driver().findElement(By.id("reply")).sendKeys("Your parcel left our warehouse today.");
            ada.driver().findElement(By.id("send")).click();
            page(ada).until(driver -> driver.findElements(By.cssSelector("#timeline li.message.out.agent")).stream()
                    .anyMatch(message -> message.getText().contains("left our warehouse")
                            && !message.findElements(By.cssSelector("[data-delivery='failed']")).isEmpty()
                            && message.findElement(By.className("delivery-error")).getText().contains("131026")));

            // The header's actions, each through the API and back on the page: assign to me, set pending, resolve,
            // reopen.
            click(ada, "assign-me");
            page(ada).until(driver -> driver.findElement(By.id("conversation-assignee")).getText()
                    .equals(DemoTenant.AGENT));
            for (String[] action : new String[][] {{"pending", "pending"}, {"resolve", "solved"}, {"reopen", "open"}}) {
                click(ada, action[0]);
                page(ada).until(driver -> action[1].equals(driver.findElement(By.id("conversation-status"))
                        .getAttribute("data-status")));
            }
            assertThat(demo.getJson("/api/v1/conversations/" + unreachableConversation).path("status").asText())
                    .isEqualTo("open");
        }
    }

    /** Clicks the control with this id, looking again if a live update replaced it meanwhile. */
    private static void click(HeadlessChromium browser, String id) {
        page(browser).until(driver -> {
            driver.findElement(By.id(id)).click();
            return true;
        });
    }

    @Test
    void an_admin_saves_a_change_on_every_admin_page_and_never_sees_a_channel_secret() throws Exception {
        try (HeadlessChromium ada = HeadlessChromium.start()) {
            signIn(ada, demo.demo.adminToken());

            // Agents: bob's display name.
            ada.driver().findElement(By.id("admin-link")).click();
            page(ada).until(driver -> driver.findElement(By.id("admin-items")).getText().contains(DemoTenant.AGENT));
            edit(ada, DemoTenant.SECOND_AGENT);
            retype(ada, "field-displayName", "Bob Console");
            save(ada);
            assertThat(demo.getJson("/api/v1/admin/agents/" + DemoTenant.SECOND_AGENT).path("displayName").asText())
                    .isEqualTo("Bob Console");

            // Teams: a new one.
            adminPage(ada, "teams");
            page(ada).until(driver -> driver.findElement(By.id("admin-items")).getText().contains(DemoTenant.TEAM));
            retype(ada, "field-id", "console-qa");
            retype(ada, "field-name", "Console QA");
            save(ada);
            page(ada).until(driver -> driver.findElement(By.id("admin-items")).getText().contains("console-qa"));

            // Channels: a new name for the API channel; its secrets are never shown and, left blank, kept.
            adminPage(ada, "channels");
            page(ada).until(driver -> driver.findElement(By.id("admin-items")).getText()
                    .contains(DemoTenant.WIDGET_CHANNEL));
            edit(ada, "api/" + DemoTenant.WIDGET_CHANNEL);
            assertThat(ada.driver().findElement(By.id("field-bearerToken")).getAttribute("value")).isEmpty();
            retype(ada, "field-name", "Demo API (console)");
            save(ada);
            assertThat(ada.driver().getPageSource()).doesNotContain(DemoTenant.WIDGET_TOKEN);
            assertThat(demo.getJson("/api/v1/admin/channels/api/" + DemoTenant.WIDGET_CHANNEL).path("name").asText())
                    .isEqualTo("Demo API (console)");
            assertThat(demo.customerSays("console-admin-1", "u-console-admin", "still let in?").statusCode())
                    .isEqualTo(200);
            ada.screenshot(SCREENSHOTS.resolve("console-admin.png"));
            assertThat(unlabelledControls(ada)).isEmpty();

            // Business hours: a new calendar.
            adminPage(ada, "hours");
            page(ada).until(driver -> !driver.findElements(By.id("field-calendar")).isEmpty());
            retype(ada, "field-calendar", "console-qa");
            retype(ada, "field-timeZone", "Europe/Lisbon");
            retype(ada, "field-weekly", "{\"MONDAY\": [{\"from\": \"09:00\", \"to\": \"17:00\"}]}");
            save(ada);
            assertThat(demo.getJson("/api/v1/admin/hours/console-qa").toString()).contains("Europe/Lisbon");

            // Knowledge base: an article imported in Markdown.
            adminPage(ada, "kb");
            page(ada).until(driver -> !driver.findElements(By.id("import-body")).isEmpty());
            new Select(ada.driver().findElement(By.id("import-format"))).selectByValue("markdown");
            ada.driver().findElement(By.id("import-body")).sendKeys("## console-qa-gift-wrap\ntags: qa\n### en\n"
                    + "Q: Do you gift wrap?\nA: Yes, for two euros.\n");
            ada.driver().findElement(By.id("import-submit")).click();
            page(ada).until(driver -> driver.findElement(By.id("admin-items")).getText().contains("console-qa-gift-wrap"));
            demo.getJson("/api/v1/kb/articles/console-qa-gift-wrap");

            // Flows: the first one saved as it is, and one imported as YAML, as flows are kept in files.
            adminPage(ada, "flows");
            page(ada).until(driver -> !driver.findElements(By.cssSelector("#admin-items tr[data-key]")).isEmpty());
            ada.driver().findElement(By.cssSelector("#admin-items tr[data-key] button")).click();
            page(ada).until(driver -> !driver.findElement(By.id("field-document")).getAttribute("value").isBlank());
            save(ada);
            new Select(ada.driver().findElement(By.id("import-format"))).selectByValue("yaml");
            ada.driver().findElement(By.id("import-id")).sendKeys("console-qa-gift-card");
            ada.driver().findElement(By.id("import-body")).sendKeys("id: console-qa-gift-card\n"
                    + "triggers:\n  en: [\"gift card balance\"]\nstart: say\nsteps:\n  say:\n    type: message\n"
                    + "    text: \"The balance is printed on the back of the card.\"\n    next: done\n"
                    + "  done:\n    type: end\n");
            ada.driver().findElement(By.id("import-submit")).click();
            page(ada).until(driver -> driver.findElement(By.id("admin-items")).getText().contains("console-qa-gift-card"));
            assertThat(demo.getJson("/api/v1/flows/console-qa-gift-card").toString()).contains("back of the card");
            assertThat(unlabelledControls(ada)).isEmpty();

            // Canned responses: a new one, usable at once.
            adminPage(ada, "canned");
            page(ada).until(driver -> !driver.findElements(By.id("field-shortcut")).isEmpty());
            ada.driver().findElement(By.id("field-shortcut")).sendKeys("console-admin-thanks");
            ada.driver().findElement(By.id("field-title")).sendKeys("Thanks");
            ada.driver().findElement(By.id("field-body")).sendKeys("Thank you, {{contact.name}}!");
            save(ada);
            page(ada).until(driver -> driver.findElement(By.id("admin-items")).getText().contains("console-admin-thanks"));
            assertThat(demo.getJson("/api/v1/canned-responses").findValuesAsText("shortcut"))
                    .contains("console-admin-thanks");

            // Routing rules: the document saved back.
            adminPage(ada, "rules");
            page(ada).until(driver -> driver.findElement(By.id("document")).getAttribute("value").contains("triageTeam"));
            ada.driver().findElement(By.cssSelector("#admin-body button[type='submit']")).click();
            page(ada).until(driver -> "Saved.".equals(driver.findElement(By.id("admin-status")).getText()));

            // SLA policies: the high priority's own policy for this workspace, then back to the configured one.
            adminPage(ada, "sla");
            page(ada).until(driver -> driver.findElement(By.id("sla-attainment")).isDisplayed());
            assertThat(ada.driver().findElements(By.cssSelector("#admin-items thead th")).stream().map(WebElement::getText))
                    .containsExactly("Priority", "First reply within", "Next reply within", "Resolution within",
                            "Business hours only", "Goal (%)", "Source", "Actions");
            assertThat(unlabelledControls(ada)).isEmpty();
            edit(ada, "high");
            retype(ada, "field-firstReply", "PT90S");
            save(ada);
            page(ada).until(driver -> driver.findElement(By.cssSelector("#admin-items tr[data-key='high']")).getText()
                    .contains("PT1M30S"));
            assertThat(demo.getJson("/api/v1/admin/sla/high").path("source").asText()).isEqualTo("workspace");
            ada.screenshot(SCREENSHOTS.resolve("console-sla.png"));
            edit(ada, "high");
            ada.driver().findElement(By.cssSelector("#admin-form button.danger")).click();
            page(ada).until(driver -> driver.findElement(By.cssSelector("#admin-items tr[data-key='high']")).getText()
                    .contains("Configured default"));
            assertThat(demo.getJson("/api/v1/admin/sla/high").path("source").asText()).isEqualTo("configured");
        }
    }

    private static void adminPage(HeadlessChromium browser, String section) {
        browser.open(demo.gatewayUrl() + "/console/#/admin/" + section);
        page(browser).until(driver -> driver.findElement(By.cssSelector(".admin-nav a[aria-current='page']"))
                .getAttribute("href").endsWith("#/admin/" + section));
    }

    /** Opens the row with this key in the form below the table. */
    private static void edit(HeadlessChromium browser, String key) {
        page(browser).until(driver -> {
            driver.findElement(By.cssSelector("#admin-items tr[data-key='" + key + "'] button")).click();
            return true;
        });
        page(browser).until(driver -> driver.findElement(By.cssSelector("#admin-form h3")).getText().contains(key));
    }

    private static void retype(HeadlessChromium browser, String field, String text) {
        WebElement input = browser.driver().findElement(By.id(field));
        input.clear();
        input.sendKeys(text);
    }

    private static void save(HeadlessChromium browser) {
        browser.driver().findElement(By.cssSelector("#admin-form button[type='submit']")).click();
        page(browser).until(driver -> "Saved.".equals(driver.findElement(By.id("admin-status")).getText()));
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

    /**
     * The visible form controls a screen reader could not name (no label, no aria-label or -labelledby, a button without
     * text), by id or markup: the issue asks for labelled controls everywhere.
     */
    @SuppressWarnings("unchecked")
    private static List<String> unlabelledControls(HeadlessChromium browser) {
        return (List<String>) ((JavascriptExecutor) browser.driver()).executeScript("""
                return [...document.querySelectorAll('input, select, textarea, button')]
                  .filter(c => c.type !== 'hidden' && c.getClientRects().length > 0)
                  .filter(c => !(c.labels && c.labels.length) && !c.getAttribute('aria-label')
                    && !c.getAttribute('aria-labelledby') && !(c.tagName === 'BUTTON' && c.textContent.trim()))
                  .map(c => c.id || c.outerHTML.slice(0, 120));""");
    }

    /** No re-read of a conversation is still due, so nothing but the stream or a resync updates the page. */
    private static boolean settled(HeadlessChromium browser) {
        return ((Number) ((JavascriptExecutor) browser.driver())
                .executeScript("return window.parleyConsole.pendingRereads")).intValue() == 0;
    }

    @SuppressWarnings("unchecked")
    private static List<String> notifications(HeadlessChromium browser) {
        return (List<String>) ((JavascriptExecutor) browser.driver())
                .executeScript("return window.parleyConsole.notifications");
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
