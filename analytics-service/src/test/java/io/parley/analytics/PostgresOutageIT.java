package io.parley.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.parley.analytics.figures.TestEvents;
import io.parley.analytics.projection.Checkpoint;
import io.parley.analytics.projection.JdbcCheckpointStore;
import io.parley.events.Event;
import io.parley.events.Topics;
import io.parley.events.envelope.EventCodec;
import io.parley.testkit.auth.AgentApi;
import io.parley.testkit.kafka.KafkaTestResource;
import io.parley.testkit.kafka.SharedKafka;
import io.parley.testkit.kafka.TopicMark;
import io.parley.testkit.kafka.TopicProbe;
import io.parley.testkit.postgres.DatabaseCoordinates;
import io.parley.testkit.postgres.ProxiedPostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * PostgreSQL away for a while under traffic, for real: the service reaches its database only through a TCP proxy
 * ({@link ProxiedPostgresTestResource}), which the test cuts (every connection reset, new ones refused) and restores.
 * Meanwhile events keep coming, one of them twice. Readiness is DOWN for the whole outage; afterwards every event is
 * counted once, folded once into the figures and saved in the checkpoint, and none was parked. The outage lasts
 * {@code -Dparley.outage.seconds} (10 by default; 30 for the long variant).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(ProxiedPostgresTestResource.class)
class PostgresOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("parley.outage.seconds", 10));
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers());

    @AfterEach
    void restoreAndClose() {
        ProxiedPostgresTestResource.proxy().restore();
        probe.close();
    }

    @Test
    void nothing_is_lost_or_counted_twice_when_postgresql_is_away_under_traffic_and_readiness_says_down_meanwhile()
            throws Exception {
        String tenant = "outage-" + UUID.randomUUID();
        TestEvents events = new TestEvents(tenant);
        Instant start = Instant.now().minusSeconds(600);
        String deadLetters = Topics.deadLetter(Topics.CONVERSATION_EVENTS, "analytics");
        SharedKafka.broker().createTopics(Map.of(deadLetters, 1));
        TopicMark parkedBefore = probe.mark(deadLetters);
        AtomicInteger sent = new AtomicInteger();

        append(events.customer(TestEvents.conversation("before-" + tenant), start, "hello"), sent);
        await().atMost(PATIENCE).untilAsserted(() -> asAgentOf(tenant).get("/api/v1/metrics/event-counts").then()
                .statusCode(200).body("[0].count", equalTo(1)));
        await().atMost(PATIENCE).until(PostgresOutageIT::ready);

        ProxiedPostgresTestResource.proxy().cut();
        List<Event> during = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            during.add(events.customer(TestEvents.conversation("during-" + i + "-" + tenant), start.plusSeconds(i),
                    "is my order on its way " + i));
        }
        during.forEach(event -> append(event, sent));
        append(during.get(0), new AtomicInteger()); // delivered twice: counted once

        await().atMost(PATIENCE).until(() -> !ready());
        await().during(OUTAGE).atMost(OUTAGE.plus(PATIENCE)).until(() -> !ready());
        // both consumers say why: the tally waits to count, the projection to save its checkpoint
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'consumers' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'analytics-projection' }.status", equalTo("DOWN"));
        // the figures stay live from memory while the database is away
        asAgentOf(tenant).get("/api/v1/metrics/kpis?period=7d").then().statusCode(200)
                .body("volume.messagesIn", equalTo(sent.get()));
        ProxiedPostgresTestResource.proxy().restore();

        await().atMost(PATIENCE).until(PostgresOutageIT::ready);
        await().atMost(PATIENCE).untilAsserted(() -> asAgentOf(tenant).get("/api/v1/metrics/event-counts").then()
                .statusCode(200).body("[0].type", equalTo("parley.message.received.v1"))
                .body("[0].count", equalTo(sent.get())));
        asAgentOf(tenant).get("/api/v1/metrics/kpis?period=7d").then().statusCode(200)
                .body("volume.messagesIn", equalTo(sent.get()));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(checkpointedEvents(tenant)).isEqualTo(sent.get()));
        assertThat(probe.between(parkedBefore, probe.mark(deadLetters)))
                .noneMatch(record -> new String(record.value(), StandardCharsets.UTF_8).contains(tenant));
    }

    private void append(Event event, AtomicInteger sent) {
        probe.append(Topics.CONVERSATION_EVENTS, event.subject(), EventCodec.encode(event));
        sent.incrementAndGet();
    }

    private static boolean ready() {
        return given().get("/q/health/ready").statusCode() == 200;
    }

    /** How many of the tenant's events the checkpoint holds, read from the database itself, not through the proxy. */
    private static int checkpointedEvents(String tenant) throws Exception {
        DatabaseCoordinates database = ProxiedPostgresTestResource.direct();
        PGSimpleDataSource direct = new PGSimpleDataSource();
        direct.setUrl(database.jdbcUrl());
        direct.setUser(database.user());
        direct.setPassword(database.password());
        Checkpoint checkpoint = new JdbcCheckpointStore(direct).load();
        return checkpoint.tenants().getOrDefault(tenant, List.of()).size();
    }

    private static RequestSpecification asAgentOf(String tenant) {
        return AgentApi.asAgent(tenant, "agent-1");
    }
}
