package io.parley.ticket.api;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.parley.testkit.auth.AgentApi;
import io.parley.testkit.kafka.KafkaTestResource;
import io.parley.testkit.postgres.PostgresTestResource;
import io.parley.ticket.support.ControlledClock;
import io.parley.ticket.support.Conversations;
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
class SlaAttainmentIT {

    private static final String TENANT = "sla-co";

    @Inject
    ControlledClock clock;

    @Test
    void firstRepliesWithinTheTargetCountAsMet() {
        Instant from = clock.instant().minusSeconds(1); // the database keeps microseconds, the clock nanoseconds
        String quick = assigned();
        clock.advance(Duration.ofMinutes(1));
        reply(quick);
        String slow = assigned();
        clock.advance(Duration.ofMinutes(6)); // normal priority: first reply within 5 min
        reply(slow);

        await().untilAsserted(() -> AgentApi.asAgent(TENANT, "alice")
                .queryParam("from", from.toString())
                .queryParam("to", clock.instant().plusSeconds(1).toString())
                .get("/api/v1/sla/attainment").then().statusCode(200)
                .body("figures", hasSize(1))
                .body("figures[0].policy", equalTo("normal"))
                .body("figures[0].metric", equalTo("first-reply"))
                .body("figures[0].measured", equalTo(2))
                .body("figures[0].met", equalTo(1))
                .body("figures[0].percentMet", equalTo(50.0f))
                .body("figures[0].target.percent", equalTo(90))
                .body("figures[0].target.within", equalTo("PT5M")));

        AgentApi.asAgent("sla-quiet-co", "mallory").get("/api/v1/sla/attainment").then().statusCode(200)
                .body("figures", hasSize(0));
        AgentApi.asAgent(TENANT, "alice").queryParam("from", "yesterday").get("/api/v1/sla/attainment").then()
                .statusCode(400).body("error", notNullValue());
    }

    private String assigned() {
        return Conversations.assignedToAlice(TENANT, clock.instant());
    }

    private void reply(String id) {
        AgentApi.asAgent(TENANT, "alice").body(Replies.text("Here to help")).post("/api/v1/conversations/{id}/messages", id)
                .then().statusCode(200);
        await().untilAsserted(() -> AgentApi.asAgent(TENANT, "alice").get("/api/v1/conversations/{id}", id).then()
                .body("lastAgentMessageAt", notNullValue()));
    }
}
