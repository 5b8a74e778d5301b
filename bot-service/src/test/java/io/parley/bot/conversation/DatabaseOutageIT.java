package io.parley.bot.conversation;

import static io.parley.bot.conversation.TenantSetup.knowledgeBase;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.parley.events.Event;
import io.parley.events.Topics;
import io.parley.events.conversation.ConversationEvent.BotAnswered;
import io.parley.testkit.kafka.KafkaTestResource;
import io.parley.testkit.kafka.SharedKafka;
import io.parley.testkit.kafka.TopicMark;
import io.parley.testkit.kafka.TopicProbe;
import io.parley.testkit.postgres.ProxiedPostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL away from the bot for a while under traffic (#14 finding 5), for real: the bot reaches its database only
 * through a TCP proxy (testkit's {@link ProxiedPostgresTestResource}), which the test cuts and restores. Every
 * conversation is evicted and the memory checkpointed after every batch, so every customer message needs the database
 * (its conversation's memory is looked up there first). Meanwhile customers keep writing, one message twice. Readiness is
 * DOWN for the whole outage; afterwards every message is answered exactly once and none was parked. The outage lasts
 * {@code -Dparley.outage.seconds} (10 by default; 30 for the long variant).
 */
@QuarkusTest
@TestProfile(MemoryEvictionIT.EvictAfterEveryBatch.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(ProxiedPostgresTestResource.class)
class DatabaseOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("parley.outage.seconds", 10));
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int CUSTOMERS = 10;

    private final TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers());
    private final String tenant = "t-" + UUID.randomUUID();

    @AfterEach
    void restoreAndClose() {
        ProxiedPostgresTestResource.proxy().restore();
        probe.close();
    }

    @Test
    void customers_writing_while_postgresql_is_away_are_each_answered_once_when_it_is_back() {
        knowledgeBase(tenant);
        CustomerLog before = CustomerLog.api(probe, tenant);
        before.awaitOne(before.writes("I forgot my password"), BotAnswered.class);
        await().atMost(PATIENCE).until(DatabaseOutageIT::ready);
        String deadLetters = Topics.deadLetter(Topics.CONVERSATION_EVENTS, "bot");
        SharedKafka.broker().createTopics(Map.of(deadLetters, 1));
        TopicMark parkedBefore = probe.mark(deadLetters);

        ProxiedPostgresTestResource.proxy().cut();
        TopicMark cut = probe.mark(Topics.CONVERSATION_EVENTS);
        List<CustomerLog> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            CustomerLog customer = CustomerLog.api(probe, tenant);
            customer.writes("I forgot my password");
            customers.add(customer);
        }
        customers.get(0).writesTheLastMessageAgain(); // a channel's retry: the same event id

        await().atMost(PATIENCE).until(() -> !ready());
        await().during(OUTAGE).atMost(OUTAGE.plus(PATIENCE)).until(() -> !ready());
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'consumers' }.status", equalTo("DOWN"));
        assertThat(customers).allSatisfy(customer -> assertThat(customer.history(cut))
                .noneMatch(event -> event.data() instanceof BotAnswered));
        ProxiedPostgresTestResource.proxy().restore();

        await().atMost(PATIENCE).until(DatabaseOutageIT::ready);
        customers.forEach(customer -> customer.awaitOne(cut, BotAnswered.class));
        assertThat(customers).allSatisfy(customer -> assertThat(customer.history(cut).stream()
                .map(Event::data).filter(BotAnswered.class::isInstance)).hasSize(1));
        assertThat(probe.between(parkedBefore, probe.mark(deadLetters)))
                .noneMatch(record -> new String(record.value(), StandardCharsets.UTF_8).contains(tenant));
    }

    private static boolean ready() {
        return given().get("/q/health/ready").statusCode() == 200;
    }
}
