package io.parley.devstack.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.edge.consumer.FailurePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Follows the tenant's live stream ({@code GET /api/v1/stream}, server-sent events, as the demo's admin) for the
 * conversation events the simulator cannot see at a channel: handoffs and assignments. Reconnects when cut, after a
 * pause that doubles while the stream cannot be had (edge's {@link FailurePolicy#backoff}: 100 ms up to 5 s), so a
 * stopped ticket service is not asked again hundreds of times a second.
 */
final class EventWatcher implements AutoCloseable {

    /** One conversation event of the stream; {@code atMicros} is the event's own time. */
    record StreamEvent(String type, String conversationId, long atMicros, JsonNode data) {

        /** The customer's id: the last part of the conversation id ({@code channel:account:user}). */
        String userId() {
            return conversationId.substring(conversationId.lastIndexOf(':') + 1);
        }
    }

    static final String HANDOFF = "parley.conversation.handoff-requested.v1";
    static final String ASSIGNED = "parley.conversation.assigned.v1";
    private static final String CONNECTED = "parley.stream.connected";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the watcher waits before reconnecting; a test sees the waits without waiting them. */
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch connected = new CountDownLatch(1);
    /** Whether the current connection got as far as the subscription (then the next pause starts short again). */
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final Pause pause;

    private EventWatcher(Platform platform, String token, Consumer<StreamEvent> events, Pause pause) {
        this.pause = pause;
        thread = new Thread(() -> follow(platform, token, events), "simulate-stream");
        thread.setDaemon(true);
    }

    /** Starts following and waits (at most 10 s) until the subscription holds. */
    static EventWatcher start(Platform platform, String token, Consumer<StreamEvent> events)
            throws InterruptedException {
        return start(platform, token, events, duration -> Thread.sleep(duration.toMillis()));
    }

    static EventWatcher start(Platform platform, String token, Consumer<StreamEvent> events, Pause pause)
            throws InterruptedException {
        EventWatcher watcher = new EventWatcher(platform, token, events, pause);
        watcher.thread.start();
        if (!watcher.connected.await(10, TimeUnit.SECONDS)) {
            watcher.close();
            throw new IllegalStateException("The live stream " + platform.baseUrl() + "/api/v1/stream did not"
                    + " connect within 10 s: is the ticket service up?");
        }
        return watcher;
    }

    private void follow(Platform platform, String token, Consumer<StreamEvent> events) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int unsubscribed = 0;
        while (running.get()) {
            subscribed.set(false);
            HttpRequest request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/api/v1/stream"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
            try {
                HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
                try (Stream<String> lines = response.body()) {
                    lines.filter(line -> line.startsWith("data:")).forEach(line -> read(line.substring(5), events));
                }
            } catch (Exception e) {
                if (!running.get()) {
                    return;
                }
            }
            unsubscribed = subscribed.get() ? 1 : unsubscribed + 1;
            try {
                pause.pause(FailurePolicy.backoff(unsubscribed));
            } catch (InterruptedException e) {
                return; // closed
            }
        }
    }

    private void read(String json, Consumer<StreamEvent> events) {
        try {
            JsonNode event = JSON.readTree(json);
            String type = event.path("type").asText();
            if (CONNECTED.equals(type)) {
                subscribed.set(true);
                connected.countDown();
                return;
            }
            if (!event.hasNonNull("subject") || !event.hasNonNull("time")) {
                return;
            }
            Instant time = Instant.parse(event.path("time").asText());
            events.accept(new StreamEvent(type, event.path("subject").asText(),
                    time.getEpochSecond() * 1_000_000L + time.getNano() / 1_000, event.path("data")));
        } catch (Exception e) {
            // a line that is not one event (a keep-alive, a partial line): the tolerant reader skips it
        }
    }

    @Override
    public void close() {
        running.set(false);
        thread.interrupt();
    }
}
