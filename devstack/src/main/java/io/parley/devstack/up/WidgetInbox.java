package io.parley.devstack.up;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.parley.testkit.process.FreePorts;
import io.parley.testkit.webhook.WebhookSigner;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The demo's web widget, as far as the platform can tell: the callback ingest POSTs the API channel's replies to
 * (signed with the channel's callback secret), and {@code GET /replies} to read what the customer received, oldest
 * first. Unsigned or wrongly signed posts get a 401 and are not kept.
 */
final class WidgetInbox implements AutoCloseable {

    static final String SIGNATURE_HEADER = "X-Parley-Signature-256";
    private static final String REPLIES = "/replies";

    private final HttpServer server;
    private final String callbackSecret;
    private final List<String> replies = new CopyOnWriteArrayList<>();

    private WidgetInbox(HttpServer server, String callbackSecret) {
        this.server = server;
        this.callbackSecret = callbackSecret;
    }

    static WidgetInbox start(String callbackSecret) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(FreePorts.LOOPBACK, 0), 0);
            WidgetInbox inbox = new WidgetInbox(server, callbackSecret);
            server.createContext(REPLIES, inbox::handle);
            server.start();
            return inbox;
        } catch (IOException e) {
            throw new UncheckedIOException("The demo's widget inbox cannot listen on " + FreePorts.LOOPBACK, e);
        }
    }

    String repliesUrl() {
        return "http://" + FreePorts.LOOPBACK + ":" + server.getAddress().getPort() + REPLIES;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if ("POST".equals(exchange.getRequestMethod())) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                boolean signed = signatureMatches(exchange.getRequestHeaders().getFirst(SIGNATURE_HEADER), body);
                if (signed) {
                    replies.add(new String(body, StandardCharsets.UTF_8));
                }
                exchange.sendResponseHeaders(signed ? 204 : 401, -1);
            } else {
                byte[] list = ("[" + String.join(",", replies) + "]").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, list.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(list);
                }
            }
        }
    }

    private boolean signatureMatches(String header, byte[] body) {
        return header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                WebhookSigner.sign(body, callbackSecret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
