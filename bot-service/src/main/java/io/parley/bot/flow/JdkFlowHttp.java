package io.parley.bot.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.bot.BotJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * A flow's HTTP step over the JDK client: GET the URL, or POST the slots as a JSON object; a 2xx JSON answer is the
 * step's response. Anything else is a failure, logged here and handled by the flow ({@code onError} or a handoff).
 */
public final class JdkFlowHttp implements FlowEngine.HttpCaller {

    private static final Logger LOG = Logger.getLogger(JdkFlowHttp.class);

    private final HttpClient client;
    private final Duration timeout;

    public JdkFlowHttp(Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.timeout = timeout;
    }

    @Override
    public JsonNode call(String method, String url, Map<String, String> slots) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", "application/json");
        if ("POST".equals(method)) {
            Map<String, String> body = new TreeMap<>(slots);
            body.keySet().removeIf(name -> name.startsWith("_"));
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(BotJson.JSON.writeValueAsString(body)));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IOException(method + " " + url + " answered HTTP " + response.statusCode());
            }
            return BotJson.JSON.readTree(response.body());
        } catch (IOException e) {
            LOG.warnf("flow HTTP step failed: %s", e.getMessage());
            throw e;
        }
    }
}
