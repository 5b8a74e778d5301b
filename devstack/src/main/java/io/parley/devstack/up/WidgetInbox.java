package io.parley.devstack.up;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.parley.testkit.process.FreePorts;
import io.parley.testkit.recording.Arrivals;
import io.parley.testkit.webhook.WebhookSigner;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.stream.Collectors;

/**
 * The demo's web widget, as far as the platform can tell: the callback ingest POSTs the API channel's replies to
 * (signed with the channel's callback secret), and {@code GET /replies} to read what the customer received, oldest
 * first; {@code GET /replies/arrivals?from=N} lists them with their arrival times ({@link Arrivals}) for
 * {@code parley simulate}. Unsigned or wrongly signed posts get a 401 and are not kept.
 */
final class WidgetInbox implements AutoCloseable {

    static final String SIGNATURE_HEADER = "X-Parley-Signature-256";
    private static final String REPLIES = "/replies";
    private static final String ARRIVALS = REPLIES + "/arrivals";

    private final HttpServer server;
    private final String callbackSecret;
    private final Arrivals replies = new Arrivals();

    private WidgetInbox(HttpServer server, String callbackSecret) {
        this.server = server;
        this.callbackSecret = callbackSecret;
    }

    /** On this loopback port (0: any free one). */
    static WidgetInbox start(String callbackSecret, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(FreePorts.LOOPBACK, port), 0);
            WidgetInbox inbox = new WidgetInbox(server, callbackSecret);
            server.createContext(REPLIES, inbox::handle);
            server.createContext(ARRIVALS, inbox.replies::serve);
            server.start();
            return inbox;
        } catch (IOException e) {
            throw new UncheckedIOException("The demo's widget inbox cannot listen on " + FreePorts.LOOPBACK + ":"
                    + port + " (taken?)", e);
        }
    }

    String repliesUrl() {
        return "http://" + FreePorts.LOOPBACK + ":" + server.getAddress().getPort() + REPLIES;
    }

    /** Every reply with its arrival time, for another process ({@link Arrivals}). */
    String arrivalsUrl() {
        return "http://" + FreePorts.LOOPBACK + ":" + server.getAddress().getPort() + ARRIVALS;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if ("POST".equals(exchange.getRequestMethod())) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                boolean signed = signatureMatches(exchange.getRequestHeaders().getFirst(SIGNATURE_HEADER), body);
                if (signed) {
                    replies.add(exchange.getRequestURI().getPath(), new String(body, StandardCharsets.UTF_8));
                }
                exchange.sendResponseHeaders(signed ? 204 : 401, -1);
            } else {
                byte[] list = replies.from(0).stream().map(Arrivals.Arrival::body)
                        .collect(Collectors.joining(",", "[", "]")).getBytes(StandardCharsets.UTF_8);
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
