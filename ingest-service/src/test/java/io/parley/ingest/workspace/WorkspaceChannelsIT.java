package io.parley.ingest.workspace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.parley.events.Event;
import io.parley.events.Topics;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.Author;
import io.parley.events.conversation.ConversationEvent.AuthorKind;
import io.parley.events.conversation.ConversationEvent.DeliveryOutcome;
import io.parley.events.conversation.ConversationEvent.MessageDelivery;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.envelope.EventCodec;
import io.parley.events.workspace.SecretBox;
import io.parley.ingest.FakeGraphApiResource;
import io.parley.ingest.channel.ChannelRegistryProducer;
import io.parley.ingest.normalize.Fixtures;
import io.parley.ingest.normalize.Unhandled;
import io.parley.ingest.outbound.HttpSender;
import io.parley.ingest.webhook.WebhookSignature;
import io.parley.testkit.graph.FakeGraphApi;
import io.parley.testkit.graph.RecordedRequest;
import io.parley.testkit.kafka.KafkaTestResource;
import io.parley.testkit.kafka.SharedKafka;
import io.parley.testkit.kafka.TopicMark;
import io.parley.testkit.kafka.TopicProbe;
import io.parley.testkit.webhook.WebhookSigner;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Channel accounts that change at run time: each step appends what the workspace admin API would to
 * {@code workspace-events} and sees the running service (no restart) act on it within seconds.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(FakeGraphApiResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkspaceChannelsIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final TopicProbe PROBE = new TopicProbe(SharedKafka.bootstrapServers());
    private static final String GLOBEX = "globex";
    private static final String GLOBEX_NUMBER = "204060801234567";
    private static final String GLOBEX_SUBJECT = "whatsapp:" + GLOBEX_NUMBER + ":16505551234";
    private static final Map<String, String> GLOBEX_SECRETS = Map.of("appSecret", "globex-app-secret",
            "verifyToken", "globex-verify-token", "accessToken", "globex-access-token");
    private static final String INITECH = "initech";
    private static final String INITECH_NUMBER = "305070901234567";
    private static final String ACME_APP_SECRET = "test-whatsapp-secret";
    private static final String WIDGET = "globex-widget";

    private final SecretBox box = SecretBox.fromBase64Key(
            ConfigProvider.getConfig().getValue(ChannelRegistryProducer.SECRET_KEY, String.class));
    private final FakeGraphApi graph = FakeGraphApiResource.api();

    @AfterAll
    static void closeProbe() {
        PROBE.close();
    }

    private static void save(Event channelSaved) {
        PROBE.append(Topics.WORKSPACE_EVENTS, channelSaved.tenant(), EventCodec.encode(channelSaved));
    }

    private static Response postWhatsApp(String number, String messageId, String appSecret) {
        byte[] body = ChannelSaves.whatsappText(number, messageId, "Where is my order?");
        return given().header(WebhookSigner.HEADER, WebhookSigner.sign(body, appSecret))
                .contentType("application/json").body(body).post("/webhooks/whatsapp");
    }

    private static Response postToWidget(String bearerToken) {
        return given().header("Authorization", "Bearer " + bearerToken).contentType("application/json")
                .body("{\"messageId\":\"w-" + UUID.randomUUID() + "\",\"user\":{\"id\":\"visitor-9\"},\"text\":\"hi\"}")
                .post("/webhooks/api/" + WIDGET);
    }

    private static void awaitAccepted(String number, String messageId, String appSecret) {
        await().atMost(WAIT).untilAsserted(() -> postWhatsApp(number, messageId, appSecret)
                .then().statusCode(200).body(equalTo("1 events")));
    }

    private static MessageDelivery deliveryOf(TopicMark mark, String messageId) {
        byte[] value = PROBE.await(mark, 1, record -> TopicProbe.valueContains("parley.message.delivery.v1").test(record)
                && TopicProbe.valueContains(messageId).test(record), WAIT).get(0).value();
        return (MessageDelivery) EventCodec.decode(value).orElseThrow().data();
    }

    private static void appendOutbound(String subject, String tenant, String messageId) {
        Event outbound = new Event(UUID.randomUUID().toString(), "/ticket", subject, Instant.now(), tenant, null,
                new MessageOutbound(messageId, new Author(AuthorKind.AGENT, "agent-1"), Content.text("On its way"),
                        null, null));
        PROBE.append(Topics.CONVERSATION_EVENTS, subject, EventCodec.encode(outbound));
    }

    private static double unhandled(String reason) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("^parley_ingest_unhandled_total\\{[^}]*channel=\"whatsapp\"[^}]*reason=\""
                + Pattern.quote(reason) + "\"[^}]*} (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }

    @Test
    @Order(1)
    void aNumberAddedAtRunTimeTakesWebhooksSignedWithItsOwnAppSecret() {
        TopicMark log = PROBE.mark(Topics.CONVERSATION_EVENTS);

        save(ChannelSaves.saved(GLOBEX, "whatsapp", GLOBEX_NUMBER, true, Map.of(), GLOBEX_SECRETS, box));

        awaitAccepted(GLOBEX_NUMBER, "wamid.globex-1", "globex-app-secret");
        Event received = EventCodec.decode(PROBE.await(log, 1, TopicProbe.keyIs(GLOBEX_SUBJECT), WAIT).get(0).value())
                .orElseThrow();
        assertThat(received.tenant()).isEqualTo(GLOBEX);
        assertThat(received.type()).isEqualTo("parley.message.received.v1");
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "globex-verify-token")
                .queryParam("hub.challenge", "42").get("/webhooks/whatsapp")
                .then().statusCode(200).body(equalTo("42"));
    }

    @Test
    @Order(2)
    void repliesGoOutWithTheAccountsOwnAccessToken() {
        graph.reset();
        TopicMark log = PROBE.mark(Topics.CONVERSATION_EVENTS);

        appendOutbound(GLOBEX_SUBJECT, GLOBEX, "out-globex-1");

        assertThat(deliveryOf(log, "out-globex-1").outcome()).isEqualTo(DeliveryOutcome.ACCEPTED);
        RecordedRequest send = graph.requests().get(0);
        assertThat(send.path()).isEqualTo("/" + GLOBEX_NUMBER + "/messages");
        assertThat(send.header("Authorization")).contains("Bearer globex-access-token");
    }

    @Test
    @Order(3)
    void aWebhookSignedWithAnotherTenantsAppSecretIsRefusedAndNothingIsKept() {
        TopicMark raw = PROBE.mark(Topics.WEBHOOKS_RAW);

        postWhatsApp(GLOBEX_NUMBER, "wamid.forged-1", ACME_APP_SECRET).then().statusCode(401)
                .body(containsString("not signed with that account's app secret"));
        byte[] acmeBody = Fixtures.meta("whatsapp-text.json");
        given().header(WebhookSigner.HEADER, WebhookSigner.sign(acmeBody, "globex-app-secret"))
                .contentType("application/json").body(acmeBody).post("/webhooks/whatsapp").then().statusCode(401);
        TopicMark afterRefusals = PROBE.mark(Topics.WEBHOOKS_RAW);

        assertThat(PROBE.between(raw, afterRefusals)).isEmpty();
    }

    @Test
    @Order(4)
    void aSecondTenantsClaimOnTheNumberIsIgnored() {
        Map<String, String> initechSecrets = Map.of("appSecret", "initech-app-secret");
        save(ChannelSaves.saved(INITECH, "whatsapp", GLOBEX_NUMBER, true, Map.of(), initechSecrets, box));
        // same tenant, so same partition: once this one is applied, the claim before it is too
        save(ChannelSaves.saved(INITECH, "whatsapp", INITECH_NUMBER, true, Map.of(), initechSecrets, box));
        awaitAccepted(INITECH_NUMBER, "wamid.initech-1", "initech-app-secret");
        TopicMark log = PROBE.mark(Topics.CONVERSATION_EVENTS);

        postWhatsApp(GLOBEX_NUMBER, "wamid.claimed-1", "initech-app-secret").then().statusCode(401);
        postWhatsApp(GLOBEX_NUMBER, "wamid.globex-2", "globex-app-secret").then().statusCode(200)
                .body(equalTo("1 events"));

        assertThat(PROBE.between(log, PROBE.mark(Topics.CONVERSATION_EVENTS)))
                .extracting(record -> EventCodec.decode(record.value()).orElseThrow().tenant())
                .containsExactly(GLOBEX);
    }

    @Test
    @Order(5)
    void aDisabledNumberGets200ButNothingReachesTheConversationLog() {
        save(ChannelSaves.saved(GLOBEX, "whatsapp", GLOBEX_NUMBER, false, Map.of(), GLOBEX_SECRETS, box));
        await().atMost(WAIT).untilAsserted(() -> postWhatsApp(GLOBEX_NUMBER, "wamid.globex-2", "globex-app-secret")
                .then().statusCode(200).body(equalTo("0 events")));
        double unhandledBefore = unhandled(Unhandled.DISABLED_ACCOUNT);
        TopicMark raw = PROBE.mark(Topics.WEBHOOKS_RAW);
        TopicMark log = PROBE.mark(Topics.CONVERSATION_EVENTS);

        postWhatsApp(GLOBEX_NUMBER, "wamid.globex-while-disabled", "globex-app-secret")
                .then().statusCode(200).body(equalTo("0 events"));

        // a 200 is only given once everything of the webhook is acknowledged, so this mark is after all of it
        assertThat(PROBE.between(log, PROBE.mark(Topics.CONVERSATION_EVENTS))).isEmpty();
        assertThat(PROBE.between(raw, PROBE.mark(Topics.WEBHOOKS_RAW))).singleElement()
                .satisfies(record -> assertThat(record.key()).isEqualTo("whatsapp:" + GLOBEX_NUMBER));
        assertThat(unhandled(Unhandled.DISABLED_ACCOUNT)).isGreaterThan(unhandledBefore);
    }

    @Test
    @Order(6)
    void anApiChannelAddedAtRunTimeAnswersThroughItsCallbackAndRefusesPostsOnceDisabled() {
        Map<String, String> settings = Map.of("callbackUrl", graph.baseUrl() + "/globex-replies");
        Map<String, String> secrets = Map.of("bearerToken", "globex-widget-token",
                "callbackSecret", "globex-callback-secret");
        save(ChannelSaves.saved(GLOBEX, "api", WIDGET, true, settings, secrets, box));
        await().atMost(WAIT).untilAsserted(() -> postToWidget("globex-widget-token").then().statusCode(200));
        graph.reset();
        TopicMark log = PROBE.mark(Topics.CONVERSATION_EVENTS);

        appendOutbound("api:" + WIDGET + ":visitor-9", GLOBEX, "out-widget-1");

        assertThat(deliveryOf(log, "out-widget-1").outcome()).isEqualTo(DeliveryOutcome.ACCEPTED);
        RecordedRequest callback = graph.requests().get(0);
        assertThat(callback.path()).isEqualTo("/globex-replies");
        assertThat(callback.header(HttpSender.CALLBACK_SIGNATURE_HEADER))
                .contains(WebhookSignature.sign("globex-callback-secret", callback.body()));

        save(ChannelSaves.saved(GLOBEX, "api", WIDGET, false, settings, secrets, box));
        await().atMost(WAIT).untilAsserted(() -> postToWidget("globex-widget-token").then().statusCode(403)
                .contentType("application/problem+json")
                .body("title", equalTo("Channel disabled"))
                .body("detail", containsString(WIDGET + " is disabled")));
        postToWidget("not-the-token").then().statusCode(401);
    }
}
