package io.parley.devstack.simulate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The simulator's HTTP side: a running Parley behind its gateway ({@code baseUrl}), and where replies are seen to
 * leave it (the fake Graph API's and the API channel's callback inbox's arrivals, {@code Arrivals}).
 */
record Platform(String baseUrl, String graphArrivalsUrl, String callbackArrivalsUrl, HttpClient http)
        implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The defaults of a local {@code ./parley up --demo} on gateway port 8080. */
    static Platform local(String baseUrl, String graphArrivalsUrl, String callbackArrivalsUrl) {
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "simulate-http");
            thread.setDaemon(true);
            return thread;
        });
        return new Platform(strip(baseUrl), graphArrivalsUrl, callbackArrivalsUrl, HttpClient.newBuilder()
                .executor(executor).connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build());
    }

    CompletableFuture<HttpResponse<String>> send(String method, String path, Map<String, String> headers,
                                                  byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A blocking request of the set-up (agents, presence); answers the response or throws with what failed. */
    HttpResponse<String> call(String method, String path, String token, String json) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + baseUrl + path + " failed: " + e.getMessage()
                    + " (is Parley up? ./parley up --demo)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    /** GET of a full URL (an arrivals list). */
    String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public void close() {
        http.executor().ifPresent(executor -> ((ExecutorService) executor).shutdownNow());
    }
}
