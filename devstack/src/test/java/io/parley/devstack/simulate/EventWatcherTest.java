package io.parley.devstack.simulate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventWatcherTest {

    @Test
    void a_stream_that_cannot_be_had_is_asked_again_after_pauses_that_double() throws Exception {
        HttpServer ticket = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger requests = new AtomicInteger();
        ticket.createContext("/api/v1/stream", exchange -> {
            if (requests.getAndIncrement() == 0) { // subscribed once, then the stream ends and the service is gone
                byte[] connected = "data:{\"type\":\"parley.stream.connected\"}\n\n".getBytes(UTF_8);
                exchange.sendResponseHeaders(200, connected.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(connected);
                }
            } else {
                exchange.sendResponseHeaders(503, -1);
            }
            exchange.close();
        });
        ticket.start();
        List<Duration> pauses = new CopyOnWriteArrayList<>();
        String baseUrl = "http://127.0.0.1:" + ticket.getAddress().getPort();
        try (Platform platform = Platform.local(baseUrl, baseUrl, baseUrl);
             EventWatcher watcher = EventWatcher.start(platform, "token", event -> { }, pauses::add)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> pauses.size() >= 5);
            assertThat(List.copyOf(pauses).subList(0, 5)).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200),
                    Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(1600));
        } finally {
            ticket.stop(0);
        }
    }
}
