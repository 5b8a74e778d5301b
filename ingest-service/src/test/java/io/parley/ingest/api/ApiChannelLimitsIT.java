package io.parley.ingest.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;

import io.parley.edge.problem.ApiErrors;
import io.parley.ingest.FakeGraphApiResource;
import io.parley.testkit.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The public API channel's limits (#14 "Also"): per-tenant rate limits (tenant {@code throttled} may post 2 at once,
 * then one a minute, in the test profile; {@code globex} has the default) and the 1 MiB body limit.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(FakeGraphApiResource.class)
class ApiChannelLimitsIT {

    @BeforeEach
    void awaitReady() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    private static Response post(String channel, String token, String messageId) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body("{\"messageId\":\"" + messageId + "\",\"user\":{\"id\":\"u-1\"},\"text\":\"hello\"}")
                .post("/webhooks/api/" + channel);
    }

    @Test
    void aTenantOverItsLimitGets429WithRetryAfterWhileAnotherTenantIsServed() {
        post("throttled-api", "test-throttled-token", "t-1").then().statusCode(200);
        post("throttled-api", "test-throttled-token", "t-2").then().statusCode(200);

        post("throttled-api", "test-throttled-token", "t-3").then().statusCode(429)
                .contentType(ApiErrors.PROBLEM_JSON)
                .header("Retry-After", Integer::parseInt, greaterThanOrEqualTo(1))
                .body("status", equalTo(429))
                .body("detail", containsString("rate limit"));
        post("globex-api", "test-globex-token", "g-1").then().statusCode(200);
        post("globex-api", "test-globex-token", "g-2").then().statusCode(200);
        post("globex-api", "test-globex-token", "g-3").then().statusCode(200);

        given().get("/q/metrics").then()
                .body(containsString("parley_ingest_api_rate_limited_total{tenant=\"throttled\"} 1.0"))
                .body(containsString("parley_ingest_webhooks_total{channel=\"api\",outcome=\"rate-limited\"} 1.0"))
                .body(not(containsString("parley_ingest_api_rate_limited_total{tenant=\"globex\"}")));
    }

    @Test
    void aBodyOverOneMebibyteIs413() {
        byte[] body = new byte[1024 * 1024 + 1];
        Arrays.fill(body, (byte) ' ');
        given().header("Authorization", "Bearer test-globex-token").contentType("application/json")
                .body(new String(body, StandardCharsets.UTF_8)).post("/webhooks/api/globex-api").then().statusCode(413);
    }
}
