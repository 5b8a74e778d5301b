package io.parley.testkit.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testkit.recording.Arrivals;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeGraphApiTest {

    private static final String WHATSAPP_SEND =
            "{\"messaging_product\":\"whatsapp\",\"to\":\"+15551234567\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}";
    private static final String MESSENGER_SEND =
            "{\"recipient\":{\"id\":\"psid-42\"},\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"hi\"}}";

    private final FakeGraphApi graph = FakeGraphApi.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        graph.close();
    }

    @Test
    void acceptsWhatsAppSendsWithNumberedMessageIds() throws Exception {
        HttpResponse<String> first = post("/v21.0/1065403522/messages", WHATSAPP_SEND);
        HttpResponse<String> second = post("/v21.0/1065403522/messages", WHATSAPP_SEND);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":"
                + "\"+15551234567\",\"wa_id\":\"15551234567\"}],\"messages\":[{\"id\":\"wamid.1\"}]}");
        assertThat(second.body()).contains("\"id\":\"wamid.2\"");
    }

    @Test
    void acceptsMessengerSends() throws Exception {
        HttpResponse<String> response = post("/v21.0/me/messages", MESSENGER_SEND);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"recipient_id\":\"psid-42\",\"message_id\":\"m_1\"}");
    }

    @Test
    void answersOtherRequestsWithSuccess() throws Exception {
        String readReceipt = "{\"messaging_product\":\"whatsapp\",\"status\":\"read\",\"message_id\":\"wamid.9\"}";

        assertThat(post("/v21.0/1065403522/messages", readReceipt).body()).isEqualTo("{\"success\":true}");
    }

    @Test
    void repliesFromTheScriptInOrderThenByDefault() throws Exception {
        graph.nextRateLimited(130429)
                .nextRateLimited(4)
                .nextServerError(503)
                .nextReengagementRequired()
                .nextAccepted("wamid.CHOSEN")
                .nextReply(418, "{\"teapot\":true}");

        HttpResponse<String> rateLimited = post("/v21.0/1/messages", WHATSAPP_SEND);
        assertThat(rateLimited.statusCode()).isEqualTo(429);
        assertThat(rateLimited.body()).startsWith("{\"error\":{\"message\":\"(#130429) Rate limit hit\","
                + "\"type\":\"OAuthException\",\"code\":130429,\"error_data\":{\"details\":");

        HttpResponse<String> appLimited = post("/v21.0/me/messages", MESSENGER_SEND);
        assertThat(appLimited.statusCode()).isEqualTo(429);
        assertThat(appLimited.body()).contains("\"code\":4,");

        HttpResponse<String> unavailable = post("/v21.0/1/messages", WHATSAPP_SEND);
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.body()).contains("\"code\":2,");

        HttpResponse<String> outsideWindow = post("/v21.0/1/messages", WHATSAPP_SEND);
        assertThat(outsideWindow.statusCode()).isEqualTo(400);
        assertThat(outsideWindow.body())
                .startsWith("{\"error\":{\"message\":\"(#131047) Re-engagement message\",\"type\":\"OAuthException\","
                        + "\"code\":131047,\"error_data\":{\"details\":\"Message failed to send because more than"
                        + " 24 hours have passed")
                .contains("\"fbtrace_id\":\"FakeTrace");

        assertThat(post("/v21.0/1/messages", WHATSAPP_SEND).body()).contains("\"id\":\"wamid.CHOSEN\"");

        HttpResponse<String> generic = post("/v21.0/1/messages", WHATSAPP_SEND);
        assertThat(generic.statusCode()).isEqualTo(418);
        assertThat(generic.body()).isEqualTo("{\"teapot\":true}");

        assertThat(post("/v21.0/1/messages", WHATSAPP_SEND).statusCode()).isEqualTo(200);
    }

    @Test
    void recordsEveryRequestUntilReset() throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(graph.baseUrl() + "/v21.0/1/messages?debug=all"))
                .header("Authorization", "Bearer token-1")
                .POST(HttpRequest.BodyPublishers.ofString(WHATSAPP_SEND))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(graph.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/v21.0/1/messages");
            assertThat(request.query()).isEqualTo("debug=all");
            assertThat(request.header("authorization")).contains("Bearer token-1");
            assertThat(request.bodyAsString()).isEqualTo(WHATSAPP_SEND);
        });

        graph.nextServerError(500);
        graph.reset();

        assertThat(graph.requests()).isEmpty();
        assertThat(post("/v21.0/1/messages", WHATSAPP_SEND).statusCode()).isEqualTo(200);
    }

    @Test
    void anotherProcessReadsWhatArrivedFromAnIndexOn() throws Exception {
        post("/v21.0/1/messages", WHATSAPP_SEND);
        post("/v21.0/me/messages", MESSENGER_SEND);

        String later = http.send(HttpRequest.newBuilder(URI.create(graph.arrivalsUrl() + "?from=1")).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        assertThat(Arrivals.parse(later)).singleElement().satisfies(arrival -> {
            assertThat(arrival.n()).isEqualTo(1);
            assertThat(arrival.path()).isEqualTo("/v21.0/me/messages");
            assertThat(arrival.body()).isEqualTo(MESSENGER_SEND);
            assertThat(arrival.atMicros()).isPositive();
        });
        assertThat(graph.requests()).hasSize(2);
    }

    @Test
    void underFaultsRefusesOneSendInEveryFewTakesOneWithA500AndHoldsOneBackWhileOthersAreAnswered() throws Exception {
        // held back far longer than the test: the fourth send is answered while the third still waits
        graph.faults(new FakeGraphApi.SendFaults(4, Duration.ofMinutes(5)));

        assertThat(post("/v21.0/1/messages", WHATSAPP_SEND).statusCode()).isEqualTo(429);
        assertThat(post("/v21.0/1/messages", WHATSAPP_SEND).statusCode()).isEqualTo(500);
        CompletableFuture<HttpResponse<String>> held = http.sendAsync(HttpRequest.newBuilder(
                URI.create(graph.baseUrl() + "/v21.0/me/messages")).POST(HttpRequest.BodyPublishers.ofString(
                MESSENGER_SEND)).build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> graph.faultCounts().stalled() == 1);
        assertThat(post("/v21.0/1/messages", WHATSAPP_SEND).statusCode()).isEqualTo(200);
        assertThat(held).isNotDone();
        graph.faults(FakeGraphApi.SendFaults.NONE);
        assertThat(post("/v21.0/1/messages", WHATSAPP_SEND).statusCode()).isEqualTo(200);

        assertThat(graph.faultCounts()).isEqualTo(new FakeGraphApi.FaultCounts(1, 1, 1));
        // the refused send never reached the customer; the others did
        String arrived = http.send(HttpRequest.newBuilder(URI.create(graph.arrivalsUrl() + "?from=0")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(Arrivals.parse(arrived)).hasSize(4);
        assertThat(graph.requests()).hasSize(5);
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(graph.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
