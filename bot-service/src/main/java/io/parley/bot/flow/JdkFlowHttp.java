package io.parley.bot.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.bot.BotJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * A flow's HTTP step over the JDK client: GET the URL, or POST the slots as a JSON object; a 2xx JSON answer is the
 * step's response. Anything else is a failure, logged here and handled by the flow ({@code onError} or a handoff).
 * Tenant admins write these URLs, so the step is fenced: every address the host resolves to must pass the
 * {@link AddressPolicy}, for the URL and for each redirect (followed here, at most {@value #MAX_REDIRECTS}, never from
 * https to http); the response may be at most {@code maxResponseBytes}; and the whole step, redirects included, must
 * finish within {@code timeout}. The client connects to what the JVM resolved for the check: it caches a successful
 * lookup ({@code networkaddress.cache.ttl}, 30 s by default), so a name cannot answer the check with a public address
 * and the connection with an internal one, unless the cached entry expires in the instant between the two.
 */
public final class JdkFlowHttp implements FlowEngine.HttpCaller {

    private static final Logger LOG = Logger.getLogger(JdkFlowHttp.class);
    static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    /** Every address a host name stands for. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The step called a URL the deployment does not let tenants reach. */
    public static final class RefusedUrlException extends IOException {
        RefusedUrlException(String message) {
            super(message);
        }
    }

    private final HttpClient client;
    private final Duration timeout;
    private final int maxResponseBytes;
    private final AddressPolicy addresses;
    private final Resolver resolver;

    public JdkFlowHttp(Duration timeout, int maxResponseBytes, AddressPolicy addresses) {
        this(timeout, maxResponseBytes, addresses, InetAddress::getAllByName);
    }

    JdkFlowHttp(Duration timeout, int maxResponseBytes, AddressPolicy addresses, Resolver resolver) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
        this.addresses = addresses;
        this.resolver = resolver;
    }

    @Override
    public JsonNode call(String method, String url, Map<String, String> slots) throws IOException, InterruptedException {
        try {
            return follow(method, URI.create(url), slots, System.nanoTime() + timeout.toNanos());
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("flow HTTP step failed: %s", e.getMessage());
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    private JsonNode follow(String method, URI first, Map<String, String> slots, long deadline)
            throws IOException, InterruptedException {
        URI uri = first;
        String currentMethod = method;
        for (int redirects = 0; ; redirects++) {
            checkAddresses(uri);
            HttpResponse<byte[]> response = send(request(currentMethod, uri, slots, deadline), deadline);
            int status = response.statusCode();
            if (!REDIRECTS.contains(status)) {
                if (status / 100 != 2) {
                    throw new IOException(currentMethod + " " + uri + " answered HTTP " + status);
                }
                return BotJson.JSON.readTree(response.body());
            }
            if (redirects == MAX_REDIRECTS) {
                throw new IOException(first + " redirected more than " + MAX_REDIRECTS + " times");
            }
            URI from = uri;
            URI next = uri.resolve(response.headers().firstValue("Location")
                    .orElseThrow(() -> new IOException(from + " answered HTTP " + status + " without a Location")));
            if ("https".equals(uri.getScheme()) && !"https".equals(next.getScheme())) {
                throw new RefusedUrlException(uri + " redirected to " + next + ": from https only to https");
            }
            // As browsers do: 303, and 301/302 after a POST, go on with a GET; 307/308 keep the method and body.
            if (status == 303 || (status != 307 && status != 308 && "POST".equals(currentMethod))) {
                currentMethod = "GET";
            }
            uri = next;
        }
    }

    private void checkAddresses(URI uri) throws IOException {
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new RefusedUrlException(uri + " is not an http(s) URL with a host");
        }
        for (InetAddress address : resolver.resolve(uri.getHost())) {
            var refusal = addresses.refusal(address);
            if (refusal.isPresent()) {
                throw new RefusedUrlException("refused " + uri + ": " + refusal.get());
            }
        }
    }

    private HttpRequest request(String method, URI uri, Map<String, String> slots, long deadline) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(remaining(deadline, uri))
                .header("Accept", "application/json");
        if ("POST".equals(method)) {
            Map<String, String> body = new TreeMap<>(slots);
            body.keySet().removeIf(name -> name.startsWith("_"));
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(BotJson.JSON.writeValueAsString(body)));
        }
        return request.build();
    }

    private HttpResponse<byte[]> send(HttpRequest request, long deadline) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request, response ->
                REDIRECTS.contains(response.statusCode()) ? BodySubscribers.replacing(new byte[0])
                        : new LimitedBody(maxResponseBytes, request.uri()));
        try {
            return pending.get(remaining(deadline, request.uri()).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw tookTooLong(request.uri());
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private Duration remaining(long deadline, URI uri) throws HttpTimeoutException {
        long nanos = deadline - System.nanoTime();
        if (nanos <= 0) {
            throw tookTooLong(uri);
        }
        return Duration.ofNanos(nanos);
    }

    private HttpTimeoutException tookTooLong(URI uri) {
        return new HttpTimeoutException(uri + ": the HTTP step took longer than " + timeout);
    }

    /** Collects a body up to a size, and gives up (cancelling the download) as soon as it grows past it. */
    private static final class LimitedBody implements BodySubscriber<byte[]> {

        private final int limit;
        private final URI uri;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        LimitedBody(int limit, URI uri) {
            this.limit = limit;
            this.uri = uri;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > limit) {
                    subscription.cancel();
                    body.completeExceptionally(new IOException(uri + " answered more than " + limit + " bytes"));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }
    }
}
