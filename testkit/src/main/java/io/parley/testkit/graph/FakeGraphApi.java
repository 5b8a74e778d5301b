package io.parley.testkit.graph;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import io.parley.testkit.recording.Arrivals;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.TreeMap;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Meta's Graph API on a free local port: it records every request and answers the next ones from
 * a script, in order and whatever their path, then by default:
 * <ul>
 *   <li>a WhatsApp send ({@code POST …/messages} with {@code "messaging_product":"whatsapp"}):
 *       {@code {"messaging_product":"whatsapp","contacts":[{"input":<to>,"wa_id":<digits>}],"messages":[{"id":"wamid.<n>"}]}}</li>
 *   <li>a Messenger or Instagram send ({@code POST …/me/messages}): {@code {"recipient_id":<id>,"message_id":"m_<n>"}}</li>
 *   <li>anything else, a WhatsApp read receipt included: {@code {"success":true}}</li>
 * </ul>
 * Point the service's Graph base URL at {@link #baseUrl()}. Another process reads what arrived, with arrival times,
 * from {@link #arrivalsUrl()} ({@link Arrivals}). Under {@link #faults(SendFaults)} a share of the unscripted sends
 * fail as Meta's do under load (a fault run, {@code parley chaos}). Requests are answered concurrently, so one that is
 * held back does not hold up the others.
 */
public final class FakeGraphApi implements AutoCloseable {

    private static final Pattern WHATSAPP = Pattern.compile("\"messaging_product\"\\s*:\\s*\"whatsapp\"");
    private static final Pattern WHATSAPP_RECIPIENT = Pattern.compile("\"to\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern MESSENGER_RECIPIENT =
            Pattern.compile("\"recipient\"\\s*:\\s*\\{\\s*\"id\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern READ_RECEIPT = Pattern.compile("\"status\"\\s*:\\s*\"read\"");

    private final HttpServer server;
    /** The read-back path, not a Graph API path (nothing of Meta's starts with an underscore). */
    public static final String ARRIVALS_PATH = "/_parley/arrivals";

    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final Arrivals arrivals = new Arrivals();
    private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
    private final Set<String> undeliverable = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sequence = new AtomicInteger();

    private final AtomicReference<SendFaults> faults = new AtomicReference<>(SendFaults.NONE);
    private final AtomicLong sends = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong stalled = new AtomicLong();
    private final ExecutorService handlers;

    private record Reply(int status, Function<RecordedRequest, String> body) {
    }

    /**
     * Of every {@code every} unscripted sends (a cycle counted over all sends, retries included), the first is refused
     * with HTTP 429 and Graph code 130429 and not taken (Meta says so: retrying is safe); the second is taken (it
     * reaches the customer, so it is recorded as arrived) and answered HTTP 500 (an answer that leaves the outcome
     * unknown); the third is taken and answered only after {@code stall} (past the sender's timeout, the other way to
     * an unknown outcome). {@link #NONE}: every send succeeds.
     */
    public record SendFaults(int every, Duration stall) {

        public static final SendFaults NONE = new SendFaults(0, Duration.ZERO);

        public SendFaults {
            if (every != 0 && every < 3) {
                throw new IllegalArgumentException("A cycle of three faults needs every >= 3, not " + every);
            }
        }
    }

    /** The faults injected so far: sends refused with 429, taken and answered 500, taken and held back. */
    public record FaultCounts(long rateLimited, long serverErrors, long stalled) {
    }

    /** A marker: the send is taken, and its answer (a success) comes after the stall. */
    private static final Reply STALLED = new Reply(200, ignored -> "");

    private static final Reply UNDELIVERABLE = new Reply(400, request -> graphError(131026, "Message undeliverable",
            "Unable to deliver message: the recipient cannot receive it.", "FakeTraceUndeliverable"));

    private FakeGraphApi(HttpServer server) {
        this.server = server;
        this.handlers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-graph-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.createContext(ARRIVALS_PATH, arrivals::serve);
        server.start();
    }

    public static FakeGraphApi start() {
        return start(0);
    }

    /** On this loopback port (0: any free one). */
    public static FakeGraphApi start(int port) {
        try {
            return new FakeGraphApi(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                    0));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open port " + port + " on the loopback for the fake Graph API", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash or version. */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** Where another process reads every request's path and body with its arrival time ({@link Arrivals}). */
    public String arrivalsUrl() {
        return baseUrl() + ARRIVALS_PATH;
    }

    /** Every request so far (the most recent {@link Arrivals#KEPT}), oldest first. */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Forgets the recorded requests, the replies still scripted and the undeliverable recipients. */
    public void reset() {
        requests.clear();
        arrivals.clear();
        script.clear();
        undeliverable.clear();
    }

    /**
     * Every later send to this recipient (WhatsApp number or Messenger/Instagram id) fails as Meta refuses an
     * unreachable one: HTTP 400, Graph code 131026. Unlike the script, other traffic cannot take the refusal, so a
     * test on a shared platform may use it.
     */
    public FakeGraphApi refuseSendsTo(String recipient) {
        undeliverable.add(recipient);
        return this;
    }

    /** The next request succeeds as a send, with this message id. */
    public FakeGraphApi nextAccepted(String messageId) {
        return next(new Reply(200, request -> sendAccepted(request, messageId)));
    }

    /** The next request fails with HTTP 429: Graph code 130429 (WhatsApp throughput) or 4 (application limit). */
    public FakeGraphApi nextRateLimited(int graphCode) {
        return graphCode == 4
                ? nextGraphError(429, 4, "Application request limit reached",
                        "The app has reached its API call limit. Retry later.")
                : nextGraphError(429, graphCode, "Rate limit hit",
                        "Cloud API message throughput has been reached.");
    }

    /** The next request fails with this 5xx status and Graph code 2 (service temporarily unavailable). */
    public FakeGraphApi nextServerError(int httpStatus) {
        if (httpStatus < 500 || httpStatus > 599) {
            throw new IllegalArgumentException("A server error is 5xx, not " + httpStatus);
        }
        return nextGraphError(httpStatus, 2, "Service temporarily unavailable",
                "Temporary downtime or overload. Retry later.");
    }

    /** The next request fails as a free-form reply outside the 24-hour window: HTTP 400, WhatsApp code 131047. */
    public FakeGraphApi nextReengagementRequired() {
        return nextGraphError(400, 131047, "Re-engagement message",
                "Message failed to send because more than 24 hours have passed since the customer last replied"
                        + " to this number.");
    }

    /** From now on, unscripted sends fail as {@code faults} says ({@link SendFaults#NONE}: no more). */
    public void faults(SendFaults faults) {
        this.faults.set(Objects.requireNonNull(faults));
    }

    public FaultCounts faultCounts() {
        return new FaultCounts(rateLimited.get(), serverErrors.get(), stalled.get());
    }

    /** The next request gets exactly this status and JSON body. */
    public FakeGraphApi nextReply(int httpStatus, String body) {
        return next(new Reply(httpStatus, request -> body));
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }

    private FakeGraphApi nextGraphError(int httpStatus, int code, String title, String details) {
        return next(graphError(httpStatus, code, title, details));
    }

    private Reply graphError(int httpStatus, int code, String title, String details) {
        return new Reply(httpStatus, request -> graphError(code, title, details,
                "FakeTrace" + sequence.incrementAndGet()));
    }

    private static String graphError(int code, String title, String details, String trace) {
        return "{\"error\":{\"message\":" + json("(#" + code + ") " + title)
                + ",\"type\":\"OAuthException\",\"code\":" + code
                + ",\"error_data\":{\"details\":" + json(details) + "}"
                + ",\"fbtrace_id\":" + json(trace) + "}}";
    }

    private FakeGraphApi next(Reply reply) {
        script.add(reply);
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            RecordedRequest request = new RecordedRequest(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    Objects.requireNonNullElse(exchange.getRequestURI().getRawQuery(), ""),
                    headers(exchange),
                    exchange.getRequestBody().readAllBytes());
            synchronized (requests) {
                requests.add(request);
                if (requests.size() > Arrivals.KEPT) {
                    requests.remove(0); // a long simulation must not fill the heap; tests send far fewer
                }
            }
            Reply scripted = refusedRecipient(request) ? UNDELIVERABLE : script.poll();
            Reply reply = scripted != null ? scripted : fault(request).orElseGet(() -> defaultReply(request));
            // a send refused with 429 was not taken: it never reaches the customer
            if (reply.status() != 429 || scripted != null) {
                arrivals.add(request.path(), request.bodyAsString());
            }
            if (reply == STALLED) {
                stalled.incrementAndGet();
                Thread.sleep(faults.get().stall().toMillis());
                reply = defaultReply(request);
            }
            byte[] body = reply.body().apply(request).getBytes(UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), body.length);
            exchange.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private Optional<Reply> fault(RecordedRequest request) {
        SendFaults current = faults.get();
        if (current.every() == 0 || !isSend(request)) {
            return Optional.empty();
        }
        long n = sends.incrementAndGet() % current.every();
        if (n == 1) {
            rateLimited.incrementAndGet();
            return Optional.of(graphError(429, 130429, "Rate limit hit",
                    "Cloud API message throughput has been reached."));
        }
        if (n == 2) {
            serverErrors.incrementAndGet();
            return Optional.of(graphError(500, 2, "Service temporarily unavailable",
                    "Temporary downtime or overload. Retry later."));
        }
        return n == 3 ? Optional.of(STALLED) : Optional.empty();
    }

    private static boolean isSend(RecordedRequest request) {
        return request.method().equals("POST") && request.path().endsWith("/messages")
                && !READ_RECEIPT.matcher(request.bodyAsString()).find();
    }

    private boolean refusedRecipient(RecordedRequest request) {
        if (undeliverable.isEmpty() || !request.method().equals("POST") || !request.path().endsWith("/messages")) {
            return false;
        }
        String body = request.bodyAsString();
        String recipient = isWhatsApp(request) ? firstGroup(WHATSAPP_RECIPIENT, body)
                : firstGroup(MESSENGER_RECIPIENT, body);
        return undeliverable.contains(recipient);
    }

    private Reply defaultReply(RecordedRequest request) {
        if (!isSend(request)) {
            return new Reply(200, ignored -> "{\"success\":true}");
        }
        int n = sequence.incrementAndGet();
        String messageId = isWhatsApp(request) ? "wamid." + n : "m_" + n;
        return new Reply(200, accepted -> sendAccepted(accepted, messageId));
    }

    private static String sendAccepted(RecordedRequest request, String messageId) {
        String body = request.bodyAsString();
        if (isWhatsApp(request)) {
            String to = firstGroup(WHATSAPP_RECIPIENT, body);
            return "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":" + json(to)
                    + ",\"wa_id\":" + json(to.replaceAll("\\D", "")) + "}],\"messages\":[{\"id\":"
                    + json(messageId) + "}]}";
        }
        return "{\"recipient_id\":" + json(firstGroup(MESSENGER_RECIPIENT, body))
                + ",\"message_id\":" + json(messageId) + "}";
    }

    private static boolean isWhatsApp(RecordedRequest request) {
        return WHATSAPP.matcher(request.bodyAsString()).find();
    }

    private static String firstGroup(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(headers);
    }

    private static String json(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
