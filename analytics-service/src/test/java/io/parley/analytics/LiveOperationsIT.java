package io.parley.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.analytics.figures.Filter;
import io.parley.analytics.figures.Kpis;
import io.parley.analytics.figures.Period;
import io.parley.analytics.figures.SlaRules;
import io.parley.analytics.figures.Projection;
import io.parley.analytics.figures.TestEvents;
import io.parley.analytics.projection.AnalyticsRuntime;
import io.parley.analytics.projection.Checkpoint;
import io.parley.analytics.projection.JdbcCheckpointStore;
import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.Topics;
import io.parley.events.analytics.AnalyticsEvent;
import io.parley.events.envelope.EventCodec;
import io.parley.events.kafka.EventSerializer;
import io.parley.testkit.auth.AgentApi;
import io.parley.testkit.auth.DevTokens;
import io.parley.testkit.kafka.KafkaTestResource;
import io.parley.testkit.kafka.SharedKafka;
import io.parley.testkit.kafka.TopicMark;
import io.parley.testkit.kafka.TopicProbe;
import io.parley.testkit.postgres.PostgresTestResource;
import io.parley.analytics.snapshot.SnapshotPublisher;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The figures on the real broker and PostgreSQL: live and period endpoints, stream, isolation, rebuild, restore. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class LiveOperationsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    AnalyticsRuntime runtime;
    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper json;
    @Inject
    SnapshotPublisher snapshots;
    @TestHTTPResource("/api/v1/metrics/stream")
    URL stream;

    private final TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers());
    private final List<Thread> readers = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        probe.close();
        readers.forEach(Thread::interrupt);
    }

    @Test
    void a_handled_conversation_shows_in_live_and_period_figures_and_a_rebuild_from_offset_zero_gives_the_same() {
        String tenant = "tenant-" + UUID.randomUUID();
        Instant start = Instant.now().minusSeconds(600);
        appendHandledConversation(tenant, "support", start);
        String from = start.minusSeconds(60).toString();
        String to = start.plusSeconds(3600).toString();

        await().atMost(PATIENCE).untilAsserted(() -> asAgentOf(tenant)
                .get("/api/v1/metrics/kpis?from={from}&to={to}", from, to).then().statusCode(200)
                .body("firstResponse.p50Seconds", equalTo(120.0f))
                .body("volume.messagesIn", equalTo(2))
                .body("handoffRate.byReason.asked-for-human.count", equalTo(1)));
        asAgentOf(tenant).get("/api/v1/metrics/live").then().statusCode(200)
                .body("conversations.assigned", equalTo(1))
                .body("queues.find { it.team == 'support' }.load", equalTo(1));
        asAgentOf(tenant).get("/api/v1/metrics/conversations?figure=first-response&from={from}&to={to}", from, to)
                .then().statusCode(200).body("$", hasSize(1)).body("[0].team", equalTo("support"));
        String served = asAgentOf(tenant).get("/api/v1/metrics/kpis?from={from}&to={to}&team=support", from, to)
                .then().statusCode(200).extract().asString();

        Projection rebuilt = new Projection();
        for (String topic : AnalyticsRuntime.TOPICS) {
            SharedKafka.broker().createTopics(Map.of(topic, 1));
            probe.between(probe.beginning(topic), probe.mark(topic)).forEach(record -> {
                try {
                    EventCodec.decode(record.value()).ifPresent(rebuilt::apply);
                } catch (RuntimeException poison) {
                    // the poison records other tests append are skipped, as the projection skips them
                }
            });
        }
        Period period = new Period(Instant.parse(from), Instant.parse(to));
        Kpis fromScratch = rebuilt.tenant(tenant).read(t -> Kpis.compute(t, new Filter("support", null), period,
                Instant.now(), SlaRules.DEFAULT));
        assertThat((JsonNode) json.valueToTree(fromScratch)).isEqualTo(read(served));

        await().atMost(PATIENCE).untilAsserted(() -> {
            Checkpoint checkpoint = new JdbcCheckpointStore(dataSource).load();
            assertThat(checkpoint.tenants()).containsKey(tenant);
            Projection restored = new Projection();
            checkpoint.tenants().get(tenant).forEach(restored::apply);
            Kpis fromCheckpoint = restored.tenant(tenant).read(t -> Kpis.compute(t, new Filter("support", null),
                    period, Instant.now(), SlaRules.DEFAULT));
            assertThat((JsonNode) json.valueToTree(fromCheckpoint)).isEqualTo(read(served));
        });
    }

    @Test
    void the_dashboards_channel_filter_offers_every_channel_the_web_widgets_included() {
        String page = given().get("/dashboard/").then().statusCode(200).extract().asString();

        for (Channel channel : Channel.values()) {
            assertThat(page).contains("<option value=\"" + channel.wireName() + "\">");
        }
    }

    @Test
    void a_tenant_sees_only_its_own_figures_on_every_endpoint() {
        String tenant = "tenant-" + UUID.randomUUID();
        String other = "other-" + UUID.randomUUID();
        appendHandledConversation(tenant, "support", Instant.now().minusSeconds(600));
        await().atMost(PATIENCE).untilAsserted(() -> asAgentOf(tenant).get("/api/v1/metrics/live").then()
                .body("conversations.assigned", equalTo(1)));

        asAgentOf(other).get("/api/v1/metrics/live").then().statusCode(200)
                .body("conversations.assigned", equalTo(0)).body("queues", hasSize(0))
                .body("agents.list", hasSize(0));
        asAgentOf(other).get("/api/v1/metrics/kpis?period=7d").then().statusCode(200)
                .body("volume.messagesIn", equalTo(0)).body("firstResponse.p50Seconds", equalTo(null));
        asAgentOf(other).get("/api/v1/metrics/conversations?figure=all&period=7d").then().statusCode(200)
                .body("$", hasSize(0));
        assertThat(asAgentOf(other).get("/api/v1/metrics/export.csv?period=7d").then().statusCode(200)
                .extract().asString().lines()).hasSize(1);
        assertThat(asAgentOf(tenant).get("/api/v1/metrics/export.csv?period=7d").then().statusCode(200)
                .extract().asString().lines()).hasSize(2);
        given().get("/api/v1/metrics/live").then().statusCode(401);
        asAgentOf(tenant).get("/api/v1/metrics/kpis?period=fortnight").then().statusCode(400);
        asAgentOf(tenant).get("/api/v1/metrics/conversations?figure=nonsense").then().statusCode(400);
    }

    @Test
    void the_stream_pushes_a_tenants_change_to_its_viewers_only() {
        String tenant = "tenant-" + UUID.randomUUID();
        String other = "other-" + UUID.randomUUID();
        String team = "team-" + UUID.randomUUID();
        List<String> mine = open(tenant);
        List<String> theirs = open(other);
        await().atMost(PATIENCE).until(() -> mine.stream().anyMatch(line -> line.startsWith("data:"))
                && theirs.stream().anyMatch(line -> line.startsWith("data:")));

        appendHandledConversation(tenant, team, Instant.now().minusSeconds(600));

        await().atMost(PATIENCE).until(() -> mine.stream().anyMatch(line -> line.startsWith("data:")
                && line.contains(team)));
        assertThat(mine).contains("event:live");
        assertThat(theirs).noneMatch(line -> line.contains(team) || line.contains(tenant));
    }

    @Test
    void snapshots_carry_the_live_figures_and_todays_kpis_of_each_tenant() {
        String tenant = "tenant-" + UUID.randomUUID();
        SharedKafka.broker().createTopics(Map.of(Topics.ANALYTICS_SNAPSHOTS, 1));
        TopicMark mark = probe.mark(Topics.ANALYTICS_SNAPSHOTS);
        appendHandledConversation(tenant, "support", Instant.now().minusSeconds(600));
        await().atMost(PATIENCE).untilAsserted(() -> asAgentOf(tenant).get("/api/v1/metrics/live").then()
                .body("conversations.assigned", equalTo(1)));

        snapshots.publishAll();

        Event snapshot = EventCodec.decode(probe.await(mark, 1, TopicProbe.keyIs(tenant), PATIENCE).get(0).value())
                .orElseThrow();
        AnalyticsEvent.Snapshot data = (AnalyticsEvent.Snapshot) snapshot.data();
        assertThat(snapshot.tenant()).isEqualTo(tenant);
        assertThat(data.live().path("conversations").path("assigned").asInt()).isEqualTo(1);
        assertThat(data.today().path("volume").path("messagesIn").asInt()).isEqualTo(2);
    }

    private List<String> open(String tenant) {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(stream.toString()))
                .header("Authorization", "Bearer " + DevTokens.issue(tenant, "agent-1", false))
                .header("Accept", "text/event-stream").build();
        Thread reader = new Thread(() -> {
            try {
                HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient()
                        .send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line.replace("event: ", "event:").replace("data: ", "data:"));
                    }
                }
            } catch (java.io.IOException | InterruptedException e) {
                // the test ended and closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        readers.add(reader);
        return lines;
    }

    private void appendHandledConversation(String tenant, String team, Instant start) {
        TestEvents events = new TestEvents(tenant);
        String conversation = TestEvents.conversation(UUID.randomUUID().toString());
        for (Event event : List.of(events.customer(conversation, start, "Where is my order?"),
                events.bot(conversation, start.plusSeconds(2), "order-status"),
                events.customer(conversation, start.plusSeconds(60), "a person please"),
                events.handoff(conversation, start.plusSeconds(61), "asked-for-human"),
                events.queued(conversation, start.plusSeconds(62), team),
                events.assigned(conversation, start.plusSeconds(121), "agent-1", team),
                events.agentReply(conversation, start.plusSeconds(181), "agent-1"))) {
            probe.append(Topics.CONVERSATION_EVENTS, event.subject(), EventCodec.encode(event),
                    Map.of(EventSerializer.CONTENT_TYPE_HEADER, EventCodec.CONTENT_TYPE));
        }
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static RequestSpecification asAgentOf(String tenant) {
        return AgentApi.asAgent(tenant, "agent-1");
    }
}
