package io.parley.ticket.viewers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

import io.parley.testkit.auth.AgentApi;
import io.parley.testkit.auth.DevTokens;
import io.parley.testkit.kafka.KafkaTestResource;
import io.parley.testkit.postgres.PostgresTestResource;
import io.parley.ticket.live.LiveStreamResource;
import io.parley.ticket.support.ControlledClock;
import io.parley.ticket.support.Conversations;
import io.parley.ticket.support.LiveStreamClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ViewersIT {

    @TestHTTPResource("/api/v1/stream")
    URI stream;

    @Inject
    ControlledClock clock;

    @Test
    void agents_see_who_else_has_a_conversation_open_live_and_only_in_their_tenant() throws Exception {
        String id = Conversations.assignedToAlice("view-co", clock.instant());
        try (LiveStreamClient alice = LiveStreamClient.connect(stream, DevTokens.issue("view-co", "alice", false));
                LiveStreamClient zoe = LiveStreamClient.connect(stream, DevTokens.issue("view-other", "zoe", false))) {
            await().until(() -> connected(alice) && connected(zoe));

            AgentApi.asAgent("view-co", "alice").put("/api/v1/conversations/{id}/viewers/me", id).then().statusCode(200)
                    .body("agentId", contains("alice"));
            AgentApi.asAgent("view-co", "bob").put("/api/v1/conversations/{id}/viewers/me", id).then().statusCode(200)
                    .body("agentId", contains("alice", "bob"));

            // Alice's console learns from the stream that bob opened it too.
            await().until(() -> viewersAnnounced(alice, id).contains(List.of("alice", "bob")));
            AgentApi.asAgent("view-co", "carol").get("/api/v1/conversations/{id}/viewers", id).then().statusCode(200)
                    .body("agentId", contains("alice", "bob"));

            // Bob closes it; alice's heartbeats stop (a closed tab): after the ttl she is gone, and that is announced.
            AgentApi.asAgent("view-co", "bob").delete("/api/v1/conversations/{id}/viewers/me", id).then().statusCode(200)
                    .body("agentId", contains("alice"));
            clock.advance(Duration.ofSeconds(46));
            await().until(() -> viewersAnnounced(alice, id).contains(List.of()));
            AgentApi.asAgent("view-co", "carol").get("/api/v1/conversations/{id}/viewers", id).then().body("agentId", empty());

            // Another tenant's agent cannot beat on it, read it, nor hear of it.
            AgentApi.asAgent("view-other", "zoe").put("/api/v1/conversations/{id}/viewers/me", id).then().statusCode(404);
            AgentApi.asAgent("view-other", "zoe").get("/api/v1/conversations/{id}/viewers", id).then().statusCode(404);
            assertThat(zoe.events()).noneMatch(event -> id.equals(event.path("subject").asText()));
        }
    }

    private static boolean connected(LiveStreamClient client) {
        return client.events().stream().anyMatch(e -> LiveStreamResource.CONNECTED.equals(e.path("type").asText()));
    }

    /** Every viewers announcement about the conversation so far, each as its agent ids. */
    private static List<List<String>> viewersAnnounced(LiveStreamClient client, String id) {
        return client.events().stream()
                .filter(e -> LiveStreamResource.VIEWERS.equals(e.path("type").asText())
                        && id.equals(e.path("subject").asText()))
                .map(e -> StreamSupport.stream(e.path("data").path("viewers").spliterator(), false)
                        .map(viewer -> viewer.path("agentId").asText()).toList())
                .toList();
    }
}
