package io.parley.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The flow HTTP step's fence, against real HTTP servers on loopback addresses: an "internal" one at 127.0.0.1 that
 * must never be reached, and a "shop" at 127.0.0.2 that the tests allow-list as the deployment would a partner API.
 */
class JdkFlowHttpTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final AddressPolicy SHOP_ALLOWED = AddressPolicy.allowing(List.of("127.0.0.2/32"));

    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private final List<String> internalRequests = new CopyOnWriteArrayList<>();
    private final CountDownLatch releaseHangingRequests = new CountDownLatch(1);

    @AfterEach
    void stopServers() {
        releaseHangingRequests.countDown();
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void loopback_is_refused_by_address_by_name_and_in_every_spelling() throws IOException {
        String internal = internalServer();
        int port = Integer.parseInt(internal.substring(internal.lastIndexOf(':') + 1));
        JdkFlowHttp http = new JdkFlowHttp(TIMEOUT, 65536, AddressPolicy.allowing(List.of()));
        for (String url : List.of(internal + "/secret", "http://localhost:" + port + "/secret",
                "http://[::1]:" + port + "/", "http://[::ffff:127.0.0.1]:" + port + "/", "http://0.0.0.0:" + port + "/")) {
            assertThatThrownBy(() -> http.call("GET", url, Map.of())).as(url)
                    .isInstanceOf(JdkFlowHttp.RefusedUrlException.class).hasMessageContaining("internal address");
        }
        assertThat(internalRequests).isEmpty();
    }

    @Test
    void a_host_name_is_judged_by_the_addresses_it_resolves_to() {
        JdkFlowHttp.Resolver dns = host -> host.equals("orders.shop.test")
                ? new InetAddress[] {InetAddress.getByName("203.0.113.7"), InetAddress.getByName("10.1.2.3")}
                : InetAddress.getAllByName(host);
        JdkFlowHttp http = new JdkFlowHttp(TIMEOUT, 65536, AddressPolicy.allowing(List.of()), dns);
        assertThatThrownBy(() -> http.call("GET", "http://orders.shop.test/api/orders/1", Map.of()))
                .isInstanceOf(JdkFlowHttp.RefusedUrlException.class).hasMessageContaining("10.1.2.3");
    }

    @Test
    void a_redirect_to_an_internal_address_is_refused_and_never_followed() throws IOException {
        String internal = internalServer();
        String shop = shop(exchange -> {
            exchange.getResponseHeaders().add("Location", internal + "/secret");
            exchange.sendResponseHeaders(302, -1);
        });
        JdkFlowHttp http = new JdkFlowHttp(TIMEOUT, 65536, SHOP_ALLOWED);

        assertThatThrownBy(() -> http.call("GET", shop + "/api/orders/1", Map.of()))
                .isInstanceOf(JdkFlowHttp.RefusedUrlException.class).hasMessageContaining("127.0.0.1");
        assertThat(internalRequests).isEmpty();
    }

    @Test
    void an_allowed_redirect_is_followed_and_a_post_becomes_a_get_after_303() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        String shop = shop(exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            if (exchange.getRequestURI().getPath().equals("/old")) {
                exchange.getResponseHeaders().add("Location", "/new");
                exchange.sendResponseHeaders(303, -1);
            } else {
                json(exchange, 200, "{\"status\": \"shipped\"}");
            }
        });
        JdkFlowHttp http = new JdkFlowHttp(TIMEOUT, 65536, SHOP_ALLOWED);
        assertThat(http.call("POST", shop + "/old", Map.of("order", "AB-1")).path("status").asText()).isEqualTo("shipped");
        assertThat(seen).containsExactly("POST /old", "GET /new");
    }

    @Test
    void redirects_are_bounded() throws IOException {
        String shop = shop(exchange -> {
            exchange.getResponseHeaders().add("Location", "/again");
            exchange.sendResponseHeaders(307, -1);
        });
        assertThatThrownBy(() -> new JdkFlowHttp(TIMEOUT, 65536, SHOP_ALLOWED).call("GET", shop + "/", Map.of()))
                .hasMessageContaining("redirected more than " + JdkFlowHttp.MAX_REDIRECTS + " times");
    }

    @Test
    void a_response_larger_than_the_limit_fails_the_step() throws IOException {
        String shop = shop(exchange -> json(exchange, 200, "{\"padding\": \"" + "x".repeat(10_000) + "\"}"));
        assertThatThrownBy(() -> new JdkFlowHttp(TIMEOUT, 1024, SHOP_ALLOWED).call("GET", shop + "/", Map.of()))
                .hasMessageContaining("more than 1024 bytes");
    }

    @Test
    void a_server_that_never_answers_fails_the_step_at_its_time_bound() throws IOException {
        String shop = shop(exchange -> {
            try {
                releaseHangingRequests.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThatThrownBy(() -> new JdkFlowHttp(Duration.ofMillis(300), 65536, SHOP_ALLOWED).call("GET", shop + "/",
                Map.of())).isInstanceOf(HttpTimeoutException.class).hasMessageContaining("took longer than PT0.3S");
    }

    private interface Handler {
        void handle(com.sun.net.httpserver.HttpExchange exchange) throws IOException;
    }

    /** The allow-listed shop at 127.0.0.2. */
    private String shop(Handler handler) throws IOException {
        return serve("127.0.0.2", exchange -> {
            handler.handle(exchange);
            exchange.close();
        });
    }

    /** What no tenant may read: 127.0.0.1, recording every request that reaches it. */
    private String internalServer() throws IOException {
        return serve("127.0.0.1", exchange -> {
            internalRequests.add(exchange.getRequestURI().toString());
            json(exchange, 200, "{\"secret\": \"internal\"}");
            exchange.close();
        });
    }

    private String serve(String address, Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        server.createContext("/", handler::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        servers.add(server);
        return "http://" + address + ":" + server.getAddress().getPort();
    }

    private static void json(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
