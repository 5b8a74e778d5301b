package io.parley.testkit.quarkus;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What every Parley service answers once it has booted against the real broker: health UP, with at least one
 * readiness check (its Kafka consumers), and an OpenAPI document. A service's {@code HealthIT} extends this and adds its own
 * {@code @QuarkusTest} and test resources.
 */
public abstract class ServiceContract {

    @Test
    void is_healthy_on_the_real_broker() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks", not(empty())));
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void publishes_its_openapi_document() {
        given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body("openapi", startsWith("3."));
    }
}
