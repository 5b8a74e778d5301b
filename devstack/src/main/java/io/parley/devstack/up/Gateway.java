package io.parley.devstack.up;

import io.parley.testkit.process.FreePorts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.httpproxy.HttpProxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The platform's single entrance (DESIGN §4): a reverse proxy that sends each request to the service owning its path,
 * streams (SSE) included, taking the service's instances in turn, and the web apps' static files
 * ({@link StaticAssets}). An instance that refuses the connection (killed, restarting) is passed over for the next
 * one: nothing of the request was sent to it yet, so trying another is safe whatever the method. Anything else gets a
 * 404 that lists what the gateway serves.
 */
final class Gateway implements AutoCloseable {

    static final String HOST = FreePorts.LOOPBACK;
    private static final long TIMEOUT_SECONDS = 30;
    /**
     * Connections kept per service: Vert.x's default of 5 would queue webhooks behind each other under load
     * ({@code parley simulate}), each waiting for its Kafka acknowledgement; a held SSE stream takes one for good.
     */
    private static final int CONNECTIONS_PER_SERVICE = 128;

    /** Path prefixes, most specific first: the agent gateway (ticket-service) owns the rest of {@code /api/v1}. */
    static final Map<String, PlatformService> ROUTES = routes();

    private final Vertx vertx;

    private Gateway(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Listens on {@code port}, in front of each service's instances (their ports). */
    static Gateway start(int port, Map<PlatformService, List<Integer>> instancePorts) {
        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions(),
                new PoolOptions().setHttp1MaxSize(CONNECTIONS_PER_SERVICE));
        Map<PlatformService, HttpProxy> proxies = new HashMap<>();
        instancePorts.forEach((service, ports) -> {
            Instances instances = new Instances(ports);
            proxies.put(service, HttpProxy.reverseProxy(client)
                    .originRequestProvider((request, http) -> instances.connect(http)));
        });
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            if (StaticAssets.serves(request.path())) {
                StaticAssets.handle(request); // small files from the classpath: quick enough for the event loop
                return;
            }
            owner(request.path()).map(proxies::get)
                    .ifPresentOrElse(proxy -> proxy.handle(request), () -> notRouted(request));
        });
        try {
            server.listen(port, HOST).toCompletionStage().toCompletableFuture()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            throw new IllegalStateException("The gateway cannot listen on " + HOST + ":" + port
                    + " (is the port taken? choose another with --gateway-port): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            vertx.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the gateway", e);
        }
        return new Gateway(vertx);
    }

    /** A service's instances (their ports), each request to the next one (round robin), past those that refuse. */
    private record Instances(List<Integer> ports, AtomicInteger turn) {

        Instances(List<Integer> ports) {
            this(List.copyOf(ports), new AtomicInteger());
        }

        Future<HttpClientRequest> connect(HttpClient http) {
            return connect(http, turn.getAndIncrement(), 0);
        }

        private Future<HttpClientRequest> connect(HttpClient http, int first, int tried) {
            int port = ports.get(Math.floorMod(first + tried, ports.size()));
            return http.request(new RequestOptions().setHost(HOST).setPort(port)).recover(refused ->
                    tried + 1 < ports.size() ? connect(http, first, tried + 1) : Future.failedFuture(refused));
        }
    }

    static Optional<PlatformService> owner(String path) {
        return ROUTES.entrySet().stream()
                .filter(route -> path.equals(route.getKey()) || path.startsWith(route.getKey() + "/"))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private static void notRouted(HttpServerRequest request) {
        String routes = ROUTES.entrySet().stream()
                .map(route -> "\"" + route.getKey() + "\": \"" + route.getValue().name() + "\"")
                .collect(Collectors.joining(", "));
        request.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                .end("{\"title\": \"No service serves " + request.path().replace("\"", "") + "\", \"routes\": {"
                        + routes + "}}");
    }

    private static Map<String, PlatformService> routes() {
        Map<String, PlatformService> routes = new LinkedHashMap<>();
        routes.put("/webhooks", PlatformService.INGEST);
        // The web widget: visitors write through ingest, read their conversation and the notice board from ticket.
        routes.put("/web/v1/visitors", PlatformService.INGEST);
        routes.put("/web/v1", PlatformService.TICKET);
        routes.put("/api/v1/kb", PlatformService.BOT);
        routes.put("/api/v1/flows", PlatformService.BOT);
        routes.put("/api/v1/routing", PlatformService.ROUTING);
        routes.put("/api/v1/metrics", PlatformService.ANALYTICS);
        routes.put("/dashboard", PlatformService.ANALYTICS);
        routes.put("/api/v1", PlatformService.TICKET);
        return Collections.unmodifiableMap(routes);
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The gateway did not stop: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
