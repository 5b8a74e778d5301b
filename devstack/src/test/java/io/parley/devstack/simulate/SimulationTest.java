package io.parley.devstack.simulate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationTest {

    @Test
    void what_the_run_opened_is_closed_when_the_live_stream_does_not_connect() throws Exception {
        HttpServer parley = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        parley.createContext("/arrivals", exchange -> {
            byte[] none = "[]".getBytes(UTF_8);
            exchange.sendResponseHeaders(200, none.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(none);
            }
        });
        parley.createContext("/api/v1/stream", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        parley.start();
        String baseUrl = "http://127.0.0.1:" + parley.getAddress().getPort();
        Simulation.Settings settings = new Simulation.Settings(new Schedule(1, Duration.ofSeconds(1)),
                Mix.parse("whatsapp:1"), 1, List.of("en"), 1L, 0, Duration.ofSeconds(1));
        try {
            assertThatThrownBy(() -> Simulation.run(baseUrl, baseUrl + "/arrivals", baseUrl + "/arrivals", settings,
                    new PrintStream(new ByteArrayOutputStream(), true, UTF_8)))
                    .hasMessageContaining("did not connect");
            // the reply watchers started before the stream, and the stream's own, are stopped, not left polling
            await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(thread -> thread.isAlive() && List.of("simulate-graph", "simulate-callbacks",
                            "simulate-stream").contains(thread.getName())));
        } finally {
            parley.stop(0);
        }
    }
}
