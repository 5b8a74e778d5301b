package io.parley.ticket.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.parley.events.Event;
import io.parley.events.Topics;
import io.parley.events.agent.AgentEvent.Presence;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.envelope.EventCodec;
import io.parley.testkit.auth.AgentApi;
import io.parley.testkit.kafka.KafkaTestResource;
import io.parley.testkit.kafka.TopicMark;
import io.parley.testkit.kafka.TopicProbe;
import io.parley.testkit.postgres.PostgresTestResource;
import io.parley.ticket.support.ControlledClock;
import io.parley.ticket.support.Events;
import io.parley.ticket.support.Log;
import io.parley.ticket.support.Replies;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class GatewayIT {

    @Inject
    ControlledClock clock;

    @Test
    void tenantsNeverSeeEachOther() {
        String id = Events.whatsappConversation();
        Log.append(Events.customerMessage(id, "tenant-a", "secret of a", clock.instant()));
        await().untilAsserted(() -> AgentApi.asAgent("tenant-a", "ann").get("/api/v1/conversations/{id}", id).then().statusCode(200));

        given().get("/api/v1/conversations").then().statusCode(401);
        AgentApi.asAgent("tenant-b", "ben").get("/api/v1/conversations/{id}", id).then().statusCode(404)
                .body("error", containsString(id));
        AgentApi.asAgent("tenant-b", "ben").get("/api/v1/conversations/{id}/messages", id).then().statusCode(404);
        AgentApi.asAgent("tenant-b", "ben").body(Replies.text("hi")).post("/api/v1/conversations/{id}/messages", id).then().statusCode(404);
        AgentApi.asAgent("tenant-b", "ben").get("/api/v1/conversations").then().statusCode(200).body("id", not(hasItem(id)));
        AgentApi.asAgent("tenant-a", "ann").get("/api/v1/admin/projection/hash").then().statusCode(403);
    }

    /** The console served as static files from another origin ({@code parley.console.allowed-origins} in the tests). */
    @Test
    void aConsoleOnAnAllowedOriginMayCallTheApiAndOthersGetNoCorsHeaders() {
        String console = "https://console.example.test";
        given().header("Origin", console).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                .options("/api/v1/conversations/{id}/messages", "any").then().statusCode(204)
                .header("Access-Control-Allow-Origin", console)
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Idempotency-Key"));
        AgentApi.asAgent("tenant-a", "ann").header("Origin", console).get("/api/v1/conversations").then().statusCode(200)
                .header("Access-Control-Allow-Origin", console)
                .header("Access-Control-Expose-Headers", containsString("Link"));
        // Errors too, so the console can tell an expired sign-in from a network failure.
        given().header("Origin", console).get("/api/v1/conversations").then().statusCode(401)
                .header("Access-Control-Allow-Origin", console);

        String stranger = "https://evil.example.test";
        given().header("Origin", stranger).header("Access-Control-Request-Method", "POST")
                .options("/api/v1/conversations/{id}/messages", "any").then()
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
        AgentApi.asAgent("tenant-a", "ann").header("Origin", stranger).get("/api/v1/conversations").then().statusCode(200)
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void anotherTenantsMessageIdNamesANewMessageAndLeavesTheirsUntouched() {
        String victim = Events.whatsappConversation();
        String attacker = Events.whatsappConversation();
        Log.append(Events.customerMessage(victim, "victim-co", "my card ends in 4242", clock.instant()));
        Log.append(Events.customerMessage(attacker, "attacker-co", "hello", clock.instant()));
        String victimMessageId = await().until(() -> AgentApi.asAgent("victim-co", "vic")
                .get("/api/v1/conversations/{id}/messages", victim).then().extract().path("[0].id"), notNullValue());
        await().untilAsserted(() -> AgentApi.asAgent("attacker-co", "mal").get("/api/v1/conversations/{id}", attacker).then()
                .statusCode(200));

        AgentApi.asAgent("attacker-co", "mal").body(Map.of("messageId", victimMessageId, "text", "moved into my conversation"))
                .post("/api/v1/conversations/{id}/messages", attacker).then().statusCode(200);

        await().untilAsserted(() -> AgentApi.asAgent("attacker-co", "mal").get("/api/v1/conversations/{id}/messages", attacker)
                .then().body("text", containsInAnyOrder("hello", "moved into my conversation")));
        AgentApi.asAgent("victim-co", "vic").get("/api/v1/conversations/{id}/messages", victim).then()
                .body("id", equalTo(List.of(victimMessageId)))
                .body("[0].text", equalTo("my card ends in 4242"))
                .body("[0].direction", equalTo("inbound"))
                .body("[0].conversationId", equalTo(victim));
    }

    @Test
    void aRepeatWithTheSameIdempotencyKeyGetsTheFirstAnswerAndAppendsNothing() {
        String id = Events.whatsappConversation();
        Log.append(Events.customerMessage(id, "retry-co", "where is my order?", clock.instant()));
        await().untilAsserted(() -> AgentApi.asAgent("retry-co", "ann").get("/api/v1/conversations/{id}", id).then().statusCode(200));
        AgentApi.asAgent("retry-co", "ann").body(Map.of("text", "no id, no key")).post("/api/v1/conversations/{id}/messages", id)
                .then().statusCode(400).body("error", containsString("Idempotency-Key"));

        TopicMark before = Log.mark(Topics.CONVERSATION_EVENTS);
        List<String> types = List.of("parley.message.outbound.v1", "parley.conversation.note-added.v1",
                "parley.conversation.assigned.v1", "parley.conversation.status-changed.v1");
        List<Map<String, Object>> writes = List.of(Map.of("text", "On my way"), Map.of("text", "called the depot"),
                Map.of("agentId", "ann"), Map.of("status", "solved"));
        List<String> paths = List.of("messages", "notes", "assign", "status");
        for (int i = 0; i < paths.size(); i++) {
            String key = UUID.randomUUID().toString();
            String path = "/api/v1/conversations/{id}/" + paths.get(i);
            Map<String, Object> first = AgentApi.asAgent("retry-co", "ann").header(IdempotentRequests.HEADER, key)
                    .body(writes.get(i)).post(path, id).then().statusCode(200).extract().jsonPath().getMap("");
            Map<String, Object> repeat = AgentApi.asAgent("retry-co", "ann").header(IdempotentRequests.HEADER, key)
                    .body(writes.get(i)).post(path, id).then().statusCode(200).extract().jsonPath().getMap("");
            assertThat(repeat).isEqualTo(first);
            AgentApi.asAgent("retry-co", "ann").header(IdempotentRequests.HEADER, key).body(Map.of("text", "something else"))
                    .post("/api/v1/conversations/{id}/notes", id).then().statusCode(422)
                    .body("error", containsString("another request"));
        }
        List<String> appended = Log.between(before, Log.mark(Topics.CONVERSATION_EVENTS)).stream()
                .filter(TopicProbe.keyIs(id))
                .map(record -> EventCodec.decode(record.value()).orElseThrow())
                .filter(event -> event.causationId() == null) // what the projection reacts with has a cause
                .map(Event::type)
                .filter(types::contains)
                .toList();
        assertThat(appended).containsExactlyInAnyOrderElementsOf(types);
    }

    @Test
    void aKeyReusedAfterItsRetentionForAnotherRequestIsANewRequestNotADroppedRepeat() {
        String id = Events.whatsappConversation();
        Log.append(Events.customerMessage(id, "reuse-co", "hello", clock.instant()));
        await().untilAsserted(() -> AgentApi.asAgent("reuse-co", "ann").get("/api/v1/conversations/{id}", id).then()
                .statusCode(200));
        String key = UUID.randomUUID().toString();
        AgentApi.asAgent("reuse-co", "ann").header(IdempotentRequests.HEADER, key).body(Map.of("text", "first note"))
                .post("/api/v1/conversations/{id}/notes", id).then().statusCode(200);

        clock.advance(Duration.ofHours(25));
        AgentApi.asAgent("reuse-co", "ann").header(IdempotentRequests.HEADER, key).body(Map.of("text", "second note"))
                .post("/api/v1/conversations/{id}/notes", id).then().statusCode(200);

        await().untilAsserted(() -> AgentApi.asAgent("reuse-co", "ann").get("/api/v1/conversations/{id}/notes", id)
                .then().body("text", containsInAnyOrder("first note", "second note")));
    }

    @Test
    void assigneeNoneListsOnlyTheConversationsNobodyHolds() {
        String waiting = Events.whatsappConversation();
        String held = Events.whatsappConversation();
        Log.append(Events.customerMessage(waiting, "queue-co", "anyone there?", clock.instant()));
        Log.append(Events.customerMessage(held, "queue-co", "hello", clock.instant()));
        await().untilAsserted(() -> AgentApi.asAgent("queue-co", "ann").get("/api/v1/conversations/{id}", held).then().statusCode(200));
        AgentApi.asAgent("queue-co", "ann").body(Map.of("agentId", "ann", "team", "triage")).post("/api/v1/conversations/{id}/assign", held)
                .then().statusCode(200);
        await().untilAsserted(() -> AgentApi.asAgent("queue-co", "ann").get("/api/v1/conversations/{id}", held).then()
                .body("assignee", equalTo("ann")));

        AgentApi.asAgent("queue-co", "ann").get("/api/v1/conversations?assignee=none").then().statusCode(200)
                .body("id", hasItem(waiting)).body("id", not(hasItem(held)));
        AgentApi.asAgent("queue-co", "ann").get("/api/v1/conversations?assignee=me").then().statusCode(200)
                .body("id", hasItem(held)).body("id", not(hasItem(waiting)));
    }

    @Test
    void whatsappFreeTextIsRefusedOutsideTheWindowButTemplatesGo() {
        String id = Events.whatsappConversation();
        Log.append(Events.customerMessage(id, "window-co", "hello", clock.instant().minus(Duration.ofHours(25))));
        await().untilAsserted(() -> AgentApi.asAgent("window-co", "ann").get("/api/v1/conversations/{id}", id).then().statusCode(200));

        AgentApi.asAgent("window-co", "ann").body(Replies.text("sorry for the delay")).post("/api/v1/conversations/{id}/messages", id)
                .then().statusCode(422).body("error", containsString("24-hour")).body("error", containsString("template"));

        TopicMark before = Log.mark(Topics.CONVERSATION_EVENTS);
        AgentApi.asAgent("window-co", "ann").body(Map.of("messageId", "order-update-1",
                        "template", Map.of("name", "order_update", "language", "en", "parameters", List.of("42"))))
                .post("/api/v1/conversations/{id}/messages", id).then().statusCode(200);
        MessageOutbound sent = (MessageOutbound) Log.awaitEvent(before, id, "parley.message.outbound.v1").data();
        assertThat(sent.content().template().name()).isEqualTo("order_update");

        Log.append(Events.customerMessage(id, "window-co", "back again", clock.instant()));
        await().untilAsserted(() -> AgentApi.asAgent("window-co", "ann").body(Replies.text("welcome back"))
                .post("/api/v1/conversations/{id}/messages", id).then().statusCode(200));
    }

    @Test
    void cannedResponsesFillPlaceholdersAndPresenceGoesToAgentEvents() {
        String id = Events.whatsappConversation();
        Log.append(Events.customerMessage(id, "canned-co", "hi", clock.instant()));
        await().untilAsserted(() -> AgentApi.asAgent("canned-co", "ann").get("/api/v1/conversations/{id}", id).then().statusCode(200));
        Map<String, String> greeting = Map.of("shortcut", "hello", "title", "Greeting",
                "body", "Hi {{contact.name}}, {{agent.id}} here. {{unknown}}");
        AgentApi.asAgent("canned-co", "ann").body(greeting).post("/api/v1/canned-responses").then().statusCode(403);
        String cannedId = AgentApi.asAdmin("canned-co", "boss").body(greeting)
                .post("/api/v1/canned-responses").then().statusCode(201).extract().path("id");
        AgentApi.asAgent("canned-co", "ann").body(greeting).put("/api/v1/canned-responses/{id}", cannedId).then().statusCode(403);
        AgentApi.asAgent("canned-co", "ann").delete("/api/v1/canned-responses/{id}", cannedId).then().statusCode(403);
        AgentApi.asAgent("other-co", "zed").get("/api/v1/canned-responses/{id}", cannedId).then().statusCode(404);
        AgentApi.asAgent("canned-co", "ann").body(Map.of("conversationId", id)).post("/api/v1/canned-responses/{id}/render", cannedId)
                .then().statusCode(200).body("text", equalTo("Hi Dana Levi, ann here. {{unknown}}"));

        TopicMark agents = Log.mark(Topics.AGENT_EVENTS);
        AgentApi.asAgent("canned-co", "ann").body(Map.of("presence", Presence.ONLINE)).put("/api/v1/agents/me/presence")
                .then().statusCode(200);
        Log.await(agents, 1, TopicProbe.keyIs("ann").and(TopicProbe.valueContains("\"presence\":\"online\"")));
    }

    @Test
    void onlyPlatformOperatorsMayActOnTheWholeProjection() {
        AgentApi.asAdmin("tenant-a", "boss").post("/api/v1/admin/projection/rebuild").then().statusCode(403);
        AgentApi.asAdmin("tenant-a", "boss").get("/api/v1/admin/projection/hash").then().statusCode(403);
        AgentApi.asAgent("tenant-a", "ann").post("/api/v1/admin/projection/rebuild").then().statusCode(403);
        AgentApi.asPlatformOperator("ops").get("/api/v1/admin/projection/hash").then().statusCode(200);
    }

    @Test
    void openApiDescribesTheGateway() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/api/v1/conversations/{id}/messages"))
                .body(containsString("/api/v1/agents/me/presence"));
    }
}
