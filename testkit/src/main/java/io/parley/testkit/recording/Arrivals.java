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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a local stand-in for the outside world (the fake Graph API, the demo's widget inbox) received, numbered from 0
 * in arrival order and stamped with the arrival time, so that another process (e.g. {@code parley simulate}) can read
 * where replies left Parley and when: {@code GET <path>?from=N} answers, as JSON,
 * {@code [{"n":N,"atMicros":…,"path":"/v23.0/me/messages","body":"…"}, …]} for every arrival from the N-th on, and
 * {@code GET <path>?latest} the last one (none yet: {@code []}), where a reader that wants only what comes next starts.
 * It keeps the most recent {@link #KEPT} (a long simulation must not fill the heap); numbers are never reused, not
 * even after {@link #clear()}, so a reader that asks from where it stopped neither misses nor rereads an arrival.
 */
public final class Arrivals {

    /** One arrival; {@code atMicros} is microseconds since the epoch on this machine's clock. */
    public record Arrival(long n, long atMicros, String path, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FROM = Pattern.compile("(?:^|&)from=(\\d+)");
    private static final Pattern LATEST = Pattern.compile("(?:^|&)latest(?:=|&|$)");
    /** How many of the most recent arrivals are kept. */
    public static final int KEPT = 100_000;

    private final Deque<Arrival> arrivals = new ArrayDeque<>();
    private final Clock clock;
    private final int kept;
    private long next;

    public Arrivals() {
        this(Clock.systemUTC(), KEPT);
    }

    Arrivals(Clock clock, int kept) {
        this.clock = clock;
        this.kept = kept;
    }

    public synchronized Arrival add(String path, String body) {
        Instant now = clock.instant();
        Arrival arrival = new Arrival(next++, now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000, path, body);
        arrivals.addLast(arrival);
        if (arrivals.size() > kept) {
            arrivals.removeFirst();
        }
        return arrival;
    }

    /** Every arrival still kept from the {@code from}-th on, oldest first. */
    public synchronized List<Arrival> from(long from) {
        long first = next - arrivals.size();
        return arrivals.stream().skip(Math.max(0, from - first)).toList();
    }

    /** The last arrival, if one is kept. */
    public synchronized Optional<Arrival> latest() {
        return Optional.ofNullable(arrivals.peekLast());
    }

    /** Forgets what arrived; the next arrival still gets the next number. */
    public synchronized void clear() {
        arrivals.clear();
    }

    /** Answers {@code GET …?from=N} (N defaults to 0) or {@code GET …?latest} with the JSON array above. */
    public void serve(HttpExchange exchange) throws IOException {
        String query = Objects.requireNonNullElse(exchange.getRequestURI().getRawQuery(), "");
        Matcher from = FROM.matcher(query);
        List<Arrival> answer = LATEST.matcher(query).find() ? latest().map(List::of).orElse(List.of())
                : from(from.find() ? Long.parseLong(from.group(1)) : 0);
        byte[] body = toJson(answer).getBytes(UTF_8);
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
