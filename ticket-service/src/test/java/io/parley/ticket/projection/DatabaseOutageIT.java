package io.parley.ticket.projection;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.parley.events.Event;
import io.parley.testkit.auth.AgentApi;
import io.parley.testkit.kafka.KafkaTestResource;
import io.parley.testkit.net.TcpProxy;
import io.parley.testkit.postgres.ProxiedPostgresTestResource;
import io.parley.ticket.support.Events;
import io.parley.ticket.support.Log;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL taken away from the service for about 30 s while customer messages keep arriving (#14 finding 5): the
 * projection waits with readiness DOWN, and once the database is back every event is projected, none lost, none twice.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = ProxiedPostgresTestResource.class, restrictToAnnotatedClass = true)
class DatabaseOutageIT {

    private static final String TENANT = "outage-co";
    private static final int CONVERSATIONS = 10;
    /** Arrivals while the database is away: 10 a second for about 30 s. */
    private static final int DURING_OUTAGE = 300;
    private static final Duration ARRIVAL_INTERVAL = Duration.ofMillis(100);
    private static final String CONSUMERS_CHECK = "checks.find { it.name == 'consumers' }.status";

    @Test
    void postgresAwayForThirtySecondsUnderTrafficLosesNothingAndProjectsEachEventOnce() throws Exception {
        Instant t0 = Instant.parse("2026-11-20T09:00:00Z");
        List<String> conversations = new ArrayList<>();
        Map<String, List<String>> sent = new ConcurrentHashMap<>();
        for (int c = 0; c < CONVERSATIONS; c++) {
            String id = Events.whatsappConversation();
            conversations.add(id);
            sent.put(id, new ArrayList<>(List.of("hello " + c)));
            Log.append(Events.customerMessage(id, TENANT, "hello " + c, t0.plusSeconds(c)));
        }
        conversations.forEach(id -> awaitMessages(id, sent.get(id)));
        awaitReadiness(200, "UP");

        TcpProxy database = ProxiedPostgresTestResource.proxy();
        database.cut();
        AtomicInteger arrived = new AtomicInteger();
        ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
        try {
            traffic.scheduleAtFixedRate(() -> {
                int n = arrived.get();
                if (n >= DURING_OUTAGE) {
                    return;
                }
                String id = conversations.get(n % CONVERSATIONS);
                String text = "during the outage " + n;
                Event message = Events.customerMessage(id, TENANT, text, t0.plusSeconds(60 + n));
                synchronized (sent) {
                    sent.get(id).add(text);
                }
                // every third one delivered twice, as a producer's retry would
                Log.append(n % 3 == 0 ? new Event[] {message, message} : new Event[] {message});
                arrived.incrementAndGet();
            }, 0, ARRIVAL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);

            awaitReadiness(503, "DOWN");
            await().atMost(Duration.ofSeconds(90)).until(() -> arrived.get() == DURING_OUTAGE);
            readiness().statusCode(503).body(CONSUMERS_CHECK, equalTo("DOWN"));
        } finally {
            traffic.shutdownNow();
            traffic.awaitTermination(10, TimeUnit.SECONDS);
            database.restore();
        }

        conversations.forEach(id -> awaitMessages(id, sent.get(id)));
        awaitReadiness(200, "UP");
    }

    /** Every message of the conversation projected once, in the order it arrived. */
    private static void awaitMessages(String id, List<String> texts) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> AgentApi.asAgent(TENANT, "alice")
                .get("/api/v1/conversations/{id}/messages", id).then().statusCode(200)
                .body("text", equalTo(texts)));
    }

    private static void awaitReadiness(int status, String consumers) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> readiness().statusCode(status)
                .body(CONSUMERS_CHECK, equalTo(consumers)));
    }

    private static ValidatableResponse readiness() {
        return RestAssured.get("/q/health/ready").then();
    }
}
