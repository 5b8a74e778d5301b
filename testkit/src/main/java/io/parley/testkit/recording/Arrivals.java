package io.parley.testkit.recording;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a local stand-in for the outside world (the fake Graph API, the demo's widget inbox) received, numbered from 0
 * in arrival order and stamped with the arrival time, so that another process (e.g. {@code parley simulate}) can read
 * where replies left Parley and when: {@code GET <path>?from=N} answers, as JSON,
 * {@code [{"n":N,"atMicros":…,"path":"/v23.0/me/messages","body":"…"}, …]} for every arrival from the N-th on.
 */
public final class Arrivals {

    /** One arrival; {@code atMicros} is microseconds since the epoch on this machine's clock. */
    public record Arrival(long n, long atMicros, String path, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FROM = Pattern.compile("(?:^|&)from=(\\d+)");

    private final List<Arrival> arrivals = new ArrayList<>();
    private final Clock clock;

    public Arrivals() {
        this(Clock.systemUTC());
    }

    Arrivals(Clock clock) {
        this.clock = clock;
    }

    public synchronized Arrival add(String path, String body) {
        Instant now = clock.instant();
        Arrival arrival = new Arrival(arrivals.size(), now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000,
                path, body);
        arrivals.add(arrival);
        return arrival;
    }

    /** Every arrival from the {@code from}-th on, oldest first. */
    public synchronized List<Arrival> from(long from) {
        return from >= arrivals.size() ? List.of() : List.copyOf(arrivals.subList((int) Math.max(0, from), arrivals.size()));
    }

    public synchronized void clear() {
        arrivals.clear();
    }

    /** Answers {@code GET …?from=N} (N defaults to 0) with the JSON array above. */
    public void serve(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        Matcher from = FROM.matcher(query == null ? "" : query);
        byte[] body = toJson(from(from.find() ? Long.parseLong(from.group(1)) : 0)).getBytes(UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static String toJson(List<Arrival> arrivals) {
        ArrayNode array = JSON.createArrayNode();
        arrivals.forEach(arrival -> array.addObject().put("n", arrival.n()).put("atMicros", arrival.atMicros())
                .put("path", arrival.path()).put("body", arrival.body()));
        return array.toString();
    }

    /** Reads what {@link #serve} answered. */
    public static List<Arrival> parse(String json) {
        try {
            List<Arrival> arrivals = new ArrayList<>();
            for (JsonNode node : JSON.readTree(json)) {
                arrivals.add(new Arrival(node.path("n").asLong(), node.path("atMicros").asLong(),
                        node.path("path").asText(), node.path("body").asText()));
            }
            return arrivals;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a list of arrivals: " + e.getOriginalMessage(), e);
        }
    }
}
