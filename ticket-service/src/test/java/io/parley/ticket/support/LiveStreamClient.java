package io.parley.ticket.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodySubscribers;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * A real server-sent-events client of the live stream: it reads the response body line by line as it arrives and
 * keeps every event's JSON, until closed. Nothing blocks: tests await what it collected.
 */
public final class LiveStreamClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CompletableFuture<Integer> status = new CompletableFuture<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final SseLines lines = new SseLines();

    private LiveStreamClient() {
    }

    public static LiveStreamClient connect(URI stream, String token) {
        LiveStreamClient client = new LiveStreamClient();
        HttpRequest request = HttpRequest.newBuilder(stream)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .GET().build();
        HTTP.sendAsync(request, response -> {
            client.status.complete(response.statusCode());
            return BodySubscribers.fromLineSubscriber(client.lines);
        }).exceptionally(failure -> {
            client.status.completeExceptionally(failure);
            return null;
        });
        return client;
    }

    /** The response status, as soon as the headers arrived. */
    public int status() throws Exception {
        return status.get(20, TimeUnit.SECONDS);
    }

    public List<JsonNode> events() {
        return List.copyOf(events);
    }

    public boolean receivedAbout(String subject) {
        return events.stream().anyMatch(event -> subject.equals(event.path("subject").asText()));
    }

    @Override
    public void close() {
        lines.cancel();
    }

    /** SSE framing: {@code data:} lines accumulate until a blank line ends the event; other fields are ignored. */
    private final class SseLines implements Flow.Subscriber<String> {

        private final StringBuilder data = new StringBuilder();
        private volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("data:")) {
                data.append(data.isEmpty() ? "" : "\n").append(line.substring("data:".length()).strip());
            } else if (line.isEmpty() && !data.isEmpty()) {
                events.add(parse(data.toString()));
                data.setLength(0);
            }
        }

        @Override
        public void onError(Throwable failure) {
            // closing the client cancels the body; anything else shows up as missing events
        }

        @Override
        public void onComplete() {
        }

        void cancel() {
            if (subscription != null) {
                subscription.cancel();
            }
        }

        private JsonNode parse(String json) {
            try {
                return JSON.readTree(json);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("the live stream sent an event that is not JSON: " + json, e);
            }
        }
    }
}
