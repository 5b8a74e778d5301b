package io.parley.devstack.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.testkit.auth.DevTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The ticket projection's operator API through the gateway, as a platform operator: its state hash, and a rebuild
 * from offset 0 (which answers the hash it arrived at).
 */
final class ProjectionAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = DevTokens.issue("parley-ops", "chaos", "platform");

    private final String gatewayUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    ProjectionAdmin(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
    }

    /** Rebuilds from offset 0 and answers the state hash after it. */
    String rebuild() throws IOException, InterruptedException {
        return stateHash(call(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/v1/admin/projection/rebuild"))
                .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.noBody())));
    }

    String hash() throws IOException, InterruptedException {
        return stateHash(call(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/v1/admin/projection/hash"))
                .timeout(Duration.ofSeconds(30)).GET()));
    }

    private JsonNode call(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(response.request().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static String stateHash(JsonNode body) throws IOException {
        if (!body.hasNonNull("stateHash")) {
            throw new IOException("no stateHash in " + body);
        }
        return body.path("stateHash").asText();
    }
}
