package io.parley.ticket.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.parley.events.Event;
import io.parley.events.Topics;
import io.parley.events.conversation.ConversationEvent.CsatReceived;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.SlaBreached;
import io.parley.events.conversation.ConversationEvent.SlaMetric;
import io.parley.events.conversation.ConversationEvent.TicketCreated;
import io.parley.testkit.auth.AgentApi;
import io.parley.testkit.kafka.KafkaTestResource;
import io.parley.testkit.kafka.TopicMark;
import io.parley.testkit.postgres.PostgresTestResource;
import io.parley.ticket.support.ControlledClock;
import io.parley.ticket.support.Conversations;
import io.parley.ticket.support.Events;
import io.parley.ticket.support.Log;
import io.parley.ticket.support.Replies;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class TimersIT {

    private static final String TENANT = "timers-co";

    @Inject
    ControlledClock clock;

    @Test
    void firstReplySlaBreachesWhenTheClockPassesTheTarget() {
        String id = handedOff("asked-for-human");
        TopicMark mark = Log.mark(Topics.CONVERSATION_EVENTS);

        clock.advance(Duration.ofMinutes(6));

        SlaBreached breach = (SlaBreached) Log.awaitEvent(mark, id, "parley.sla.breached.v1").data();
        assertThat(breach.metric()).isEqualTo(SlaMetric.FIRST_REPLY);
        assertThat(breach.policy()).isEqualTo("normal");
    }

    @Test
    void afterHoursHandoffIsATicketAtOnceAndAnUntakenOneLater() {
        String afterHours = handedOff("after-hours");
        TicketCreated ticket = (TicketCreated) Log.awaitEvent(Log.beginning(Topics.CONVERSATION_EVENTS), afterHours,
                "parley.ticket.created.v1").data();
        assertThat(ticket.origin()).isEqualTo("after-hours");
        await().untilAsserted(() -> AgentApi.asAgent(TENANT, "alice").get("/api/v1/tickets/{id}", ticket.ticketId()).then()
                .statusCode(200).body("status", equalTo("new")).body("conversationId", equalTo(afterHours)));

        String untaken = handedOff("low-confidence");
        TopicMark mark = Log.mark(Topics.CONVERSATION_EVENTS);
        clock.advance(Duration.ofMinutes(11));
        assertThat(((TicketCreated) Log.awaitEvent(mark, untaken, "parley.ticket.created.v1").data()).origin())
                .isEqualTo("no-capacity");
    }

    @Test
    void snoozedConversationWakesUp() {
        String id = assigned();
        AgentApi.asAgent(TENANT, "alice").body(Map.of("status", "snoozed", "until", clock.instant().plus(Duration.ofHours(1)).toString()))
                .post("/api/v1/conversations/{id}/status", id).then().statusCode(200);
        awaitStatus(id, "snoozed");

        clock.advance(Duration.ofHours(2));

        awaitStatus(id, "open");
    }

    @Test
    void aSnoozeOrCallbackBeyondTenYearsIsRefusedWithTheFieldNamed() {
        String id = assigned();
        // Epoch milliseconds where seconds were meant: the year 58,000-odd, beyond what PostgreSQL's timestamptz holds.
        long millis = clock.instant().toEpochMilli();
        AgentApi.asAgent(TENANT, "alice").body(Map.of("status", "snoozed", "until", millis))
                .post("/api/v1/conversations/{id}/status", id).then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("'until'"));
        AgentApi.asAgent(TENANT, "alice").body(Map.of("at", millis))
                .post("/api/v1/conversations/{id}/callbacks", id).then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("'at'"));
        // Far ahead but within reach: scheduled.
        AgentApi.asAgent(TENANT, "alice").body(Map.of("at", clock.instant().plus(Duration.ofDays(3_000)).toString()))
                .post("/api/v1/conversations/{id}/callbacks", id).then().statusCode(200);
    }

    @Test
    void idleCustomerGetsAReminderThenTheConversationCloses() {
        String id = assigned();
        AgentApi.asAgent(TENANT, "alice").body(Replies.text("Anything else?")).post("/api/v1/conversations/{id}/messages", id)
                .then().statusCode(200);
        await().untilAsserted(() -> AgentApi.asAgent(TENANT, "alice").get("/api/v1/conversations/{id}", id).then()
                .body("lastAgentMessageAt", org.hamcrest.Matchers.notNullValue()));
        TopicMark mark = Log.mark(Topics.CONVERSATION_EVENTS);

        clock.advance(Duration.ofHours(25));
        Event reminder = Log.awaitEvent(mark, id, "parley.message.outbound.v1");
        assertThat(reminder.source()).isEqualTo("/ticket-service");

        clock.advance(Duration.ofHours(24));
        awaitStatus(id, "closed");
    }

    @Test
    void solvingAsksForCsatAndTheCustomersScoreIsCaptured() {
        String id = assigned();
        TopicMark mark = Log.mark(Topics.CONVERSATION_EVENTS);
        AgentApi.asAgent(TENANT, "alice").body(Map.of("status", "solved")).post("/api/v1/conversations/{id}/status", id)
                .then().statusCode(200);
        Log.awaitEvent(mark, id, "parley.csat.requested.v1");

        clock.advance(Duration.ofMinutes(1));
        Log.append(Events.customerMessage(id, TENANT, "5 thanks, great help", clock.instant()));

        CsatReceived csat = (CsatReceived) Log.awaitEvent(mark, id, "parley.csat.received.v1").data();
        assertThat(csat.score()).isEqualTo(5);
        assertThat(csat.comment()).isEqualTo("thanks, great help");
        await().untilAsserted(() -> AgentApi.asAgent(TENANT, "alice").get("/api/v1/conversations/{id}", id).then()
                .body("csatScore", equalTo(5)).body("status", equalTo("solved")));
    }

    private String handedOff(String reason) {
        String id = Events.whatsappConversation();
        Instant now = clock.instant();
        Log.append(Events.customerMessage(id, TENANT, "I need help", now),
                Events.of(id, TENANT, now.plusMillis(10), new HandoffRequested(reason, null, "en", null)));
        awaitStatus(id, "open");
        clock.advance(Duration.ofSeconds(1));
        return id;
    }

    private String assigned() {
        String id = Conversations.assignedToAlice(TENANT, clock.instant());
        clock.advance(Duration.ofSeconds(1));
        return id;
    }

    private static void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> AgentApi.asAgent(TENANT, "alice")
                .get("/api/v1/conversations/{id}", id).then().statusCode(200).body("status", equalTo(status)));
    }
}
