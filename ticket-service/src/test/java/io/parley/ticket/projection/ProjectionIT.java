package io.parley.ticket.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.parley.events.Event;
import io.parley.events.Topics;
import io.parley.events.conversation.ConversationEvent.Assigned;
import io.parley.events.conversation.ConversationEvent.BotSuggested;
import io.parley.events.conversation.ConversationEvent.DeliveryOutcome;
import io.parley.events.conversation.ConversationEvent.DeliveryStatus;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.MessageDelivery;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.conversation.ConversationEvent.MessageStatus;
import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.conversation.ConversationEvent.Queued;
import io.parley.events.conversation.ConversationEvent.Suggestion;
import io.parley.events.conversation.ConversationEvent.TicketCreated;
import io.parley.events.envelope.EventCodec;
import io.parley.events.kafka.DeadLetterHeaders;
import io.parley.testkit.auth.AgentApi;
import io.parley.testkit.kafka.KafkaTestResource;
import io.parley.testkit.kafka.SharedKafka;
import io.parley.testkit.kafka.TopicMark;
import io.parley.testkit.kafka.TopicProbe;
import io.parley.testkit.postgres.PostgresTestResource;
import io.parley.ticket.support.ControlledClock;
import io.parley.ticket.support.Events;
import io.parley.ticket.support.FaultyPublisher;
import io.parley.ticket.support.Log;
import io.parley.ticket.support.Replies;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ProjectionIT {

    private static final String TENANT = "projection-co";

    @Inject
    ControlledClock clock;

    @Inject
    DataSource dataSource;

    @Inject
    ProjectionRebuild rebuild;

    @Test
    void projectsAWholeLifecycleOnceWhateverTheDuplicates() {
        String id = Events.whatsappConversation();
        Instant t0 = clock.instant();
        Event hello = Events.customerMessage(id, TENANT, "my parcel is late", t0);
        Log.append(hello, hello,
                Events.of(id, TENANT, t0.plusSeconds(1), new HandoffRequested("asked-for-human", "late parcel", "en", null)),
                Events.of(id, TENANT, t0.plusSeconds(2), new Queued("support", Priority.HIGH, 1)),
                Events.of(id, TENANT, t0.plusSeconds(3), new BotSuggested(null,
                        List.of(new Suggestion("kb-1", "Parcels take 3 days", 0.7)))),
                Events.of(id, TENANT, t0.plusSeconds(4), new Assigned("alice", "support", "r1", "least-busy")));
        awaitConversation(id, "assignee", "alice");
        clock.advance(Duration.ofSeconds(5));

        AgentApi.asAgent(TENANT, "alice").body(Replies.text("Let me check that for you")).post("/api/v1/conversations/{id}/messages", id)
                .then().statusCode(200);
        String messageId = awaitOutboundMessageId(id);
        Log.append(Events.of(id, TENANT, t0.plusSeconds(6), new MessageDelivery(messageId, DeliveryOutcome.ACCEPTED, "wamid.out-1", null)),
                Events.of(id, TENANT, t0.plusSeconds(7), new MessageStatus("wamid.out-1", DeliveryStatus.DELIVERED, null)),
                Events.of(id, TENANT, t0.plusSeconds(8), new MessageStatus("wamid.out-1", DeliveryStatus.READ, null)));
        AgentApi.asAgent(TENANT, "alice").body(Map.of("text", "VIP customer")).post("/api/v1/conversations/{id}/notes", id).then().statusCode(200);
        AgentApi.asAgent(TENANT, "alice").body(Map.of("labels", List.of("vip", "shipping"))).put("/api/v1/conversations/{id}/labels", id)
                .then().statusCode(200);

        await().untilAsserted(() -> AgentApi.asAgent(TENANT, "alice").get("/api/v1/conversations/{id}/messages", id).then()
                .body("", hasSize(2))
                .body("[0].text", equalTo("my parcel is late"))
                .body("[1].authorKind", equalTo("agent"))
                .body("[1].status", equalTo("read")));
        await().untilAsserted(() -> AgentApi.asAgent(TENANT, "alice").get("/api/v1/conversations/{id}", id).then()
                .body("status", equalTo("open"))
                .body("team", equalTo("support"))
                .body("priority", equalTo("high"))
                .body("labels", equalTo(List.of("vip", "shipping")))
                .body("contact.name", equalTo("Dana Levi"))
                .body("handoff.reason", equalTo("asked-for-human"))
                .body("handoff.summary", equalTo("late parcel")));
        await().untilAsserted(() -> AgentApi.asAgent(TENANT, "alice").get("/api/v1/conversations/{id}/notes", id).then()
                .body("text", equalTo(List.of("VIP customer"))));
        AgentApi.asAgent(TENANT, "alice").get("/api/v1/conversations/{id}/suggestions", id).then()
                .body("suggestions[0].articleId", equalTo("kb-1"));
        AgentApi.asAgent(TENANT, "alice").queryParam("label", "vip").queryParam("q", "parcel").get("/api/v1/conversations").then()
                .body("id", equalTo(List.of(id)))
                .body("[0].handoff", equalTo(null));
    }

    @Test
    void aReactionWhoseAppendFailedAfterTheCommitIsAppendedOnRedelivery() {
        String id = Events.whatsappConversation();
        TopicMark before = Log.mark(Topics.CONVERSATION_EVENTS);
        int faultsBefore = FaultyPublisher.injectedFaults();
        FaultyPublisher.failNextAppendOf(event -> event.subject().equals(id) && event.data() instanceof TicketCreated);

        Log.append(Events.customerMessage(id, TENANT, "is anyone there?", clock.instant()),
                Events.of(id, TENANT, clock.instant().plusSeconds(1),
                        new HandoffRequested("no-agent-online", "nobody online", "en", null)));

        Event ticket = Log.awaitEvent(before, id, "parley.ticket.created.v1");
        assertThat(FaultyPublisher.injectedFaults()).isEqualTo(faultsBefore + 1);
        assertThat(((TicketCreated) ticket.data()).origin()).isEqualTo("no-agent-online");
        awaitConversation(id, "ticketId", ((TicketCreated) ticket.data()).ticketId());
    }

    @Test
    void parksMalformedRecordsAndSkipsUnknownTypes() {
        String id = Events.whatsappConversation();
        String deadLetterTopic = Topics.deadLetter(Topics.CONVERSATION_EVENTS, "ticket");
        SharedKafka.broker().createTopics(Map.of(deadLetterTopic, 1));
        TopicMark dlq = Log.mark(deadLetterTopic);
        Log.appendRaw(Topics.CONVERSATION_EVENTS, id, "{not json".getBytes(StandardCharsets.UTF_8));
        Log.appendRaw(Topics.CONVERSATION_EVENTS, id, ("{\"specversion\":\"1.0\",\"id\":\"x1\",\"source\":\"/future\","
                + "\"type\":\"parley.future.thing.v9\",\"subject\":\"" + id + "\",\"time\":\"2026-01-01T00:00:00Z\","
                + "\"tenant\":\"" + TENANT + "\",\"data\":{}}").getBytes(StandardCharsets.UTF_8));
        Log.append(Events.customerMessage(id, TENANT, "still flowing", clock.instant()));

        List<ConsumerRecord<String, byte[]>> parked = Log.await(dlq, 1, TopicProbe.keyIs(id));
        assertThat(new String(parked.get(0).headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8))
                .contains("not JSON");
        awaitConversation(id, "status", "bot");
    }

    @Test
    void parksAReadableEventThatCannotBeProjectedAndProjectsTheNextOne() {
        String id = Events.whatsappConversation();
        String deadLetterTopic = Topics.deadLetter(Topics.CONVERSATION_EVENTS, "ticket");
        SharedKafka.broker().createTopics(Map.of(deadLetterTopic, 1));
        TopicMark dlq = Log.mark(deadLetterTopic);
        // Valid JSON and a valid event, but PostgreSQL's text cannot hold a NUL character: every attempt fails alike.
        Event poison = Events.customerMessage(id, TENANT, "nul \u0000 inside", clock.instant());
        Log.append(poison, Events.customerMessage(id, TENANT, "after the poison", clock.instant().plusSeconds(1)));

        List<ConsumerRecord<String, byte[]>> parked = Log.await(dlq, 1, TopicProbe.keyIs(id));
        assertThat(parked.get(0).value()).isEqualTo(EventCodec.encode(poison));
        assertThat(new String(parked.get(0).headers().lastHeader(DeadLetterHeaders.REASON).value(),
                StandardCharsets.UTF_8)).contains("0x00");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> AgentApi.asAgent(TENANT, "alice")
                .get("/api/v1/conversations/{id}/messages", id).then()
                .body("text", equalTo(List.of("after the poison"))));
    }

    @Test
    void rebuildingFromOffsetZeroGivesTheSameState() {
        String id = Events.whatsappConversation();
        Log.append(Events.customerMessage(id, TENANT, "rebuild me", clock.instant()),
                Events.of(id, TENANT, clock.instant().plusSeconds(1), new Assigned("bob", "support", null, "manual")));
        awaitConversation(id, "assignee", "bob");
        await().until(() -> hash().equals(hash()));
        String before = hash();

        Map<String, Object> result = AgentApi.asPlatformOperator("root").post("/api/v1/admin/projection/rebuild").then()
                .statusCode(200).extract().jsonPath().getMap("");

        assertThat(result.get("stateHash")).isEqualTo(before);
        assertThat(hash()).isEqualTo(before);
        awaitConversation(id, "assignee", "bob");
    }

    @Test
    void aRebuildWaitsForTheLiveBatchInFlightInsteadOfDeadlockingWithIt() throws Exception {
        try (Connection liveBatch = dataSource.getConnection(); Statement batchStatement = liveBatch.createStatement()) {
            liveBatch.setAutoCommit(false);
            batchStatement.setQueryTimeout(30);
            // A live batch starts as the Projector's do: with its conversations, locked.
            batchStatement.execute("select id from conversations limit 1 for update");
            CompletableFuture<ProjectionRebuild.Result> rebuilt = CompletableFuture.supplyAsync(() -> {
                try {
                    return rebuild.rebuild();
                } catch (Throwable failure) {
                    throw new CompletionException(failure);
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(this::rebuildWaitsForALock);

            // The batch goes on to its claims: a rebuild holding processed_events by now would deadlock with it.
            batchStatement.execute("select count(*) from processed_events");
            liveBatch.commit();

            assertThat(rebuilt.get(1, TimeUnit.MINUTES).stateHash()).isEqualTo(rebuild.stateHash());
        }
    }

    private boolean rebuildWaitsForALock() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement select = connection.createStatement();
             ResultSet waiting = select.executeQuery("select count(*) from pg_stat_activity where datname ="
                     + " current_database() and wait_event_type = 'Lock' and (query like 'lock table%'"
                     + " or query like 'truncate%')")) {
            waiting.next();
            return waiting.getInt(1) > 0;
        }
    }

    private static String hash() {
        return AgentApi.asPlatformOperator("root").get("/api/v1/admin/projection/hash").then().statusCode(200)
                .extract().path("stateHash");
    }

    private static void awaitConversation(String id, String path, String value) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> AgentApi.asAgent(TENANT, "alice")
                .get("/api/v1/conversations/{id}", id).then().statusCode(200).body(path, equalTo(value)));
    }

    private static String awaitOutboundMessageId(String id) {
        Event outbound = Log.awaitEvent(Log.beginning(Topics.CONVERSATION_EVENTS), id, "parley.message.outbound.v1");
        return ((MessageOutbound) outbound.data()).messageId();
    }
}
