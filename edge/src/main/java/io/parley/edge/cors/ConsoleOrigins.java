package io.parley.edge.cors;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * CORS for the public API, so the agent console (or any other client) can be served as static files from another
 * origin than the API's: only the origins a deployment lists in {@code parley.console.allowed-origins} (none by
 * default: the same origin behind one ingress needs nothing). A preflight is answered here, before authentication,
 * since a browser sends it without the token; the real request is authenticated as always. Other origins get no CORS
 * headers, so a page there cannot read an answer. Written once in the edge, so every service's {@code /api/} answers
 * the same way; the web widget's {@code /web/} paths keep their per-channel origins.
 */
@ApplicationScoped
public class ConsoleOrigins {

    static final String API_PATH = "/api/";
    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key, Last-Event-ID";
    /** What a client reads besides the body: the next page, when to retry after a 429, where a created item is. */
    static final String EXPOSED_HEADERS = "Link, Retry-After, Location";
    /** Ahead of authentication, which would refuse a preflight for carrying no token. */
    private static final int BEFORE_AUTHENTICATION = 10_000;

    private final Set<String> allowed;

    ConsoleOrigins(@ConfigProperty(name = "parley.console.allowed-origins") Optional<List<String>> allowed) {
        this.allowed = Set.copyOf(allowed.orElse(List.of()));
    }

    void register(@Observes Filters filters) {
        if (!allowed.isEmpty()) {
            filters.register(this::handle, BEFORE_AUTHENTICATION);
        }
    }

    private void handle(RoutingContext request) {
        String origin = request.request().getHeader(HttpHeaders.ORIGIN);
        if (origin == null || !request.normalizedPath().startsWith(API_PATH)) {
            request.next();
            return;
        }
        request.response().putHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        if (!allowed.contains(origin)) {
            request.next();
            return;
        }
        request.response().putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        if (request.request().method() == HttpMethod.OPTIONS
                && request.request().getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null) {
            request.response().setStatusCode(204)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600")
                    .end();
            return;
        }
        request.response().putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        request.next();
    }
}
