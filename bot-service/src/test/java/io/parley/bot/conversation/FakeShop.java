package io.parley.bot.conversation;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The shop's order API that the example order-tracking flow calls in its HTTP step, on a free local port: order
 * {@value #KNOWN_ORDER} is shipped and due Friday, any other order is unknown (404).
 */
final class FakeShop implements AutoCloseable {

    static final String KNOWN_ORDER = "AB-123456";

    private final HttpServer server;
    private final List<String> requestedPaths = new CopyOnWriteArrayList<>();

    private FakeShop(HttpServer server) {
        this.server = server;
    }

    static FakeShop start() throws IOException {
        FakeShop shop = new FakeShop(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        shop.server.createContext("/api/orders/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            shop.requestedPaths.add(path);
            byte[] body = "{\"status\": \"shipped\", \"eta\": \"Friday\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(path.endsWith("/" + KNOWN_ORDER) ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        shop.server.start();
        return shop;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The path of every request so far, in order. */
    List<String> requestedPaths() {
        return List.copyOf(requestedPaths);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
