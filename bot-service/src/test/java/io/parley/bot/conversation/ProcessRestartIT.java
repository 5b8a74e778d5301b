package io.parley.bot.conversation;

import static io.parley.testkit.auth.AgentApi.asAdmin;
import static io.parley.bot.conversation.TenantSetup.businessHours;
import static io.parley.bot.conversation.TenantSetup.closedTodayAndTomorrow;
import static io.parley.bot.conversation.TenantSetup.knowledgeBase;
import static io.parley.bot.conversation.TenantSetup.orderTrackingFlow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.parley.events.Event;
import io.parley.events.Topics;
import io.parley.events.conversation.ConversationEvent.BotFlow;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.workspace.Workspace;
import io.parley.testkit.kafka.SharedKafka;
import io.parley.testkit.kafka.TopicMark;
import io.parley.testkit.kafka.TopicProbe;
import io.parley.testkit.postgres.PostgresTestResource;
import io.parley.testkit.quarkus.QuarkusAppProcess;
import io.restassured.RestAssured;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The example order-tracking flow on the packaged bot-service running as a process of its own, which is killed
 * (SIGKILL) while the flow waits for the order number and then started again with the same config: the new process
 * folds the conversation back from the log, finishes the flow and answers nothing twice, and knows the business hours
 * set while the first one ran, from the workspace log. Not a {@code @QuarkusTest}:
 * it runs {@code target/quarkus-app/quarkus-run.jar}, so Failsafe runs it after {@code package}. The service's
 * output goes to {@code target/process-restart-it/output-<n>.log}, a file per start.
 */
class ProcessRestartIT {

    private static final Path PACKAGED_APP = Path.of("target", "quarkus-app");
    private static final Path WORK_DIR = Path.of("target", "process-restart-it");
    /** The bot's consumer group on the log (application.properties). */
    private static final String GROUP = "bot-service";
    private static final Duration COMMIT = Duration.ofSeconds(30);

    private final String tenant = "t-" + UUID.randomUUID();

    @Test
    void the_order_tracking_flow_finishes_after_the_process_is_killed_while_it_waits_for_the_order_number()
            throws Exception {
        PostgresTestResource postgres = new PostgresTestResource();
        postgres.init(Map.of("suite", "bot-restart"));
        Map<String, String> database = postgres.start();
        try (AutoCloseable dropDatabase = postgres::stop;
             FakeShop shop = FakeShop.start();
             TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers());
             QuarkusAppProcess bot = QuarkusAppProcess.packaged(PACKAGED_APP, WORK_DIR, config(database))) {
            try {
                runTheFlowAcrossAKill(bot, shop, probe);
            } catch (AssertionError | RuntimeException failure) {
                throw new AssertionError(failure.getMessage() + "\nThe bot-service's output, a file per start: "
                        + bot.logFiles(), failure);
            } finally {
                RestAssured.reset();
            }
        }
    }

    private void runTheFlowAcrossAKill(QuarkusAppProcess bot, FakeShop shop, TopicProbe probe) {
        bot.start();
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = bot.httpPort();
        knowledgeBase(tenant);
        orderTrackingFlow(tenant, shop);

        CustomerLog customer = CustomerLog.api(probe, tenant);
        TopicMark start = customer.mark();
        TopicMark asked = customer.writes("Where is my order?");
        assertThat(customer.awaitOne(asked, BotFlow.class).step()).isEqualTo("menu");
        TopicMark chose = customer.writes("1");
        assertThat(customer.awaitOne(chose, BotFlow.class).step()).isEqualTo("ask-order");

        // Killed before its (throttled) commit, the bot would answer "1" again on restart, with the same event ids
        // (at-least-once, which every reader deduplicates). Past the commit, nothing may come twice at all.
        TopicMark answered = customer.mark();
        await().atMost(COMMIT).pollInterval(Duration.ofMillis(500))
                .until(() -> probe.committed(GROUP, Topics.CONVERSATION_EVENTS).reached(answered));
        // Hours the workspace admin set while the first process ran: the next one knows them only from the log.
        businessHours(probe, tenant, Workspace.DEFAULT_CALENDAR,
                closedTodayAndTomorrow(ZoneId.of("Pacific/Kiritimati")));
        bot.kill();
        bot.start();
        // Built ahead after the start, not on the first customer message that needs it.
        await().atMost(COMMIT).untilAsserted(() -> asAdmin(tenant, "admin-1").get("/api/v1/kb/status").then()
                .body("articles", equalTo(4)).body("flows", hasItem("order-tracking")));

        TopicMark typed = customer.writes(FakeShop.KNOWN_ORDER);
        assertThat(customer.await(typed, MessageOutbound.class, 2, any -> true))
                .extracting(outbound -> outbound.content().text())
                .containsExactly("Order AB-123456 is shipped; expected delivery Friday.", "Anything else? Just write.");
        BotFlow ended = customer.awaitOne(typed, BotFlow.class);
        assertThat(ended.step()).isNull();
        assertThat(ended.slots()).containsEntry("order", FakeShop.KNOWN_ORDER);

        List<Event> history = customer.history(start);
        assertThat(history).extracting(Event::id).doesNotHaveDuplicates();
        assertThat(history).extracting(Event::data).filteredOn(MessageOutbound.class::isInstance)
                .extracting(outbound -> ((MessageOutbound) outbound).content().text())
                .satisfiesExactly(
                        menu -> assertThat(menu).contains("What do you need?").contains("1. Track an order"),
                        prompt -> assertThat(prompt).contains("type your order number"),
                        reply -> assertThat(reply).startsWith("Order AB-123456 is shipped"),
                        end -> assertThat(end).isEqualTo("Anything else? Just write."));
        assertThat(shop.requestedPaths()).containsExactly("/api/orders/" + FakeShop.KNOWN_ORDER);

        // Ready means the workspace log has been read: the first handoff after the restart is already after hours.
        CustomerLog another = CustomerLog.api(probe, tenant);
        TopicMark asksForPerson = another.writes("I want to talk to a person");
        assertThat(another.awaitOne(asksForPerson, HandoffRequested.class).reason()).isEqualTo("after-hours");
    }

    private static Map<String, String> config(Map<String, String> database) {
        Map<String, String> config = new HashMap<>(database);
        config.put("kafka.bootstrap.servers", SharedKafka.bootstrapServers());
        // The packaged app runs the production profile, which refuses loopback: the fake shop is allow-listed.
        config.put("parley.bot.http-allowed-networks", "127.0.0.1/32");
        // A killed member keeps its partitions until its session times out (45 s by default): a short session hands
        // them to the new process within seconds.
        config.put("mp.messaging.incoming.conversation-events-in.session.timeout.ms", "6000");
        config.put("mp.messaging.incoming.conversation-events-in.heartbeat.interval.ms", "1000");
        return config;
    }
}
