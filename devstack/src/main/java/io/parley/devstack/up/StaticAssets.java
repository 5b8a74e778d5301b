package io.parley.devstack.up;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The web apps' static files the gateway serves itself, from {@code META-INF/resources} on its classpath, where the
 * jars put them (the front-end kit {@code /ui/} with the web widget, webjars {@code /webjars/}, the agent console
 * {@code /console/}, the demo shop {@code /shop/}), as any static host or CDN would in production. A directory path
 * serves its {@code index.html}.
 */
final class StaticAssets {

    /** Path prefixes served from the classpath; everything else goes to a service. */
    static final List<String> PREFIXES = List.of("/ui/", "/webjars/", "/console/", "/shop/");
    private static final String ROOT = "META-INF/resources";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "json", "application/json", "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon",
            "woff2", "font/woff2", "map", "application/json");

    private StaticAssets() {
    }

    /** Whether the gateway answers this path itself: a served prefix, or a prefix without its slash. */
    static boolean serves(String path) {
        return PREFIXES.stream().anyMatch(prefix -> path.startsWith(prefix) || path.equals(prefix.substring(0,
                prefix.length() - 1)));
    }

    static void handle(HttpServerRequest request) {
        String path = request.path();
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            request.response().setStatusCode(405).putHeader("Allow", "GET, HEAD").end();
            return;
        }
        if (!path.endsWith("/") && PREFIXES.contains(path + "/")) {
            request.response().setStatusCode(301).putHeader("Location", path + "/").end();
            return;
        }
        Optional<byte[]> file = path.contains("..") ? Optional.empty()
                : read(path.endsWith("/") ? path + "index.html" : path);
        if (file.isEmpty()) {
            request.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("No file " + path.replaceAll("[\\r\\n]", "") + " among the gateway's static files "
                            + PREFIXES);
            return;
        }
        String extension = path.endsWith("/") ? "html" : path.substring(path.lastIndexOf('.') + 1);
        request.response().putHeader("Content-Type", TYPES.getOrDefault(extension, "application/octet-stream"))
                .putHeader("Cache-Control", "no-cache").end(Buffer.buffer(file.get()));
    }

    private static Optional<byte[]> read(String path) {
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + ROOT + path + " from the classpath", e);
        }
    }
}
