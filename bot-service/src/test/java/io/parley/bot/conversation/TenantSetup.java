package io.parley.bot.conversation;

import static io.parley.bot.Api.asAdmin;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sets a tenant's bot up through the admin API (wherever RestAssured points) and waits until it is trained: the
 * test knowledge base, the example order-tracking flow.
 */
final class TenantSetup {

    private static final Duration TRAINING = Duration.ofSeconds(60);

    private TenantSetup() {
    }

    /** The four multilingual articles of {@code kb/multilingual.json}. */
    static void knowledgeBase(String tenant) {
        asAdmin(tenant).contentType("application/json").body(resource("/kb/multilingual.json"))
                .post("/api/v1/kb/import").then().statusCode(200).body("imported", equalTo(4));
        await().atMost(TRAINING).untilAsserted(() -> asAdmin(tenant)
                .get("/api/v1/kb/status").then().body("articles", equalTo(4)).body("refreshing", equalTo(false)));
    }

    /** The example flow {@code flows/order-tracking.yaml}, its HTTP step calling the shop. */
    static void orderTrackingFlow(String tenant, FakeShop shop) {
        String flow = resource("/flows/order-tracking.yaml").replace("https://shop.example.com", shop.baseUrl());
        asAdmin(tenant).contentType("application/yaml").body(flow.getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/flows/order-tracking").then().statusCode(200);
        await().atMost(TRAINING).untilAsserted(() -> asAdmin(tenant)
                .get("/api/v1/kb/status").then().body("flows", hasItem("order-tracking"))
                .body("refreshing", equalTo(false)));
    }

    private static String resource(String path) {
        try (InputStream in = TenantSetup.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(path, e);
        }
    }
}
