package io.parley.ticket.live;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.testkit.auth.DevTokens;
import io.parley.testkit.kafka.KafkaTestResource;
import io.parley.testkit.postgres.PostgresTestResource;
import io.parley.ticket.support.ControlledClock;
import io.parley.ticket.support.Events;
import io.parley.ticket.support.LiveStreamClient;
import io.parley.ticket.support.Log;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class LiveStreamIT {

    @TestHTTPResource("/api/v1/stream")
    URI stream;

    @Inject
    ControlledClock clock;

    @Test
    void anAgentSeesTheirTenantsNewEventsAndNeverAnotherTenants() throws Exception {
        try (LiveStreamClient ann = LiveStreamClient.connect(stream, DevTokens.issue("live-a", "ann", false));
                LiveStreamClient ben = LiveStreamClient.connect(stream, DevTokens.issue("live-b", "ben", false))) {
            assertThat(ann.status()).isEqualTo(200);
            assertThat(ben.status()).isEqualTo(200);
            // Each connection announces itself at once, before any event of its tenant.
            await().until(() -> !ann.events().isEmpty() && !ben.events().isEmpty());
            assertThat(ann.events().get(0).path("type").asText()).isEqualTo(LiveStreamResource.CONNECTED);
            awaitLive(ann, "live-a");
            awaitLive(ben, "live-b");

            // Each event is appended only once the previous one reached its stream: had the other stream let it
            // through, it would have been written there before the event awaited next.
            String ofB = appendCustomerMessage("live-b", "for b only");
            await().until(() -> ben.receivedAbout(ofB));
            String ofA = appendCustomerMessage("live-a", "for a only");
            await().until(() -> ann.receivedAbout(ofA));
            String laterOfB = appendCustomerMessage("live-b", "for b again");
            await().until(() -> ben.receivedAbout(laterOfB));

            JsonNode received = ann.events().stream().filter(event -> ofA.equals(event.path("subject").asText()))
                    .findFirst().orElseThrow();
            assertThat(received.path("type").asText()).isEqualTo("parley.message.received.v1");
            assertThat(received.toString()).contains("for a only");
            assertThat(ann.events()).extracting(event -> event.path("tenant").asText()).containsOnly("live-a");
            assertThat(ben.events()).extracting(event -> event.path("tenant").asText()).containsOnly("live-b");
        }
    }

    @Test
    void refusesCallersWithoutAValidToken() {
        given().accept("text/event-stream").get("/api/v1/stream").then().statusCode(401);
        String expired = DevTokens.issue("live-a", "ann", false, Instant.now().minus(Duration.ofDays(1)));
        given().auth().oauth2(expired).accept("text/event-stream").get("/api/v1/stream").then().statusCode(401);
    }

    /**
     * The stream only carries what is appended once the live consumer holds its partitions and the client is
     * subscribed, which nothing announces: append probes until one comes through.
     */
    private void awaitLive(LiveStreamClient client, String tenant) {
        String probe = Events.whatsappConversation();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Log.append(Events.customerMessage(probe, tenant, "is the stream live?", clock.instant()));
            return client.receivedAbout(probe);
        });
    }

    private String appendCustomerMessage(String tenant, String text) {
        String id = Events.whatsappConversation();
        Log.append(Events.customerMessage(id, tenant, text, clock.instant()));
        return id;
    }
}
