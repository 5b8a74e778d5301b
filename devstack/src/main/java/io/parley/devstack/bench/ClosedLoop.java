package io.parley.devstack.bench;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * As many requests as the server takes: {@code concurrency} connections, each sending its next request as soon as
 * the previous one is answered, for a while (Vert.x's HTTP client, which costs the 2 cores little). Counts the answers
 * by status and records each one's latency.
 */
final class ClosedLoop implements AutoCloseable {

    /** One request: method, path (with query), headers and body (null for none). */
    record Request(HttpMethod method, String path, Map<String, String> headers, byte[] body) {
    }

    /** Answers over the measured window, their latencies (microseconds) and statuses (0: no answer). */
    record Result(long answers, Duration window, Histogram micros, Map<Integer, Long> statuses) {

        /** Answers with this status per second. */
        double perSecond(int status) {
            return statuses.getOrDefault(status, 0L) / (window.toNanos() / 1e9);
        }

        double percentileMillis(double percentile) {
            return micros.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient client;
    private final int concurrency;

    ClosedLoop(String baseUrl, int concurrency) {
        URI uri = URI.create(baseUrl);
        this.concurrency = concurrency;
        this.client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(uri.getHost())
                .setDefaultPort(uri.getPort()).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(concurrency));
    }

    /** Sends for {@code warmUp} without counting, then measures for {@code measure}. */
    Result run(Supplier<Request> requests, Duration warmUp, Duration measure) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measure.toNanos();
        Histogram micros = new Histogram(60_000_000L, 3);
        Map<Integer, Long> statuses = new TreeMap<>();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            next(requests, measureFrom, end, micros, statuses, done);
        }
        if (!done.await(warmUp.plus(measure).toSeconds() + 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("requests still unanswered 30 s after the end of the run");
        }
        long answers = micros.getTotalCount();
        return new Result(answers, measure, micros, statuses);
    }

    private void next(Supplier<Request> requests, long measureFrom, long end, Histogram micros,
                      Map<Integer, Long> statuses, CountDownLatch done) {
        long sent = System.nanoTime();
        if (sent >= end) {
            done.countDown();
            return;
        }
        Request request = requests.get();
        client.request(request.method(), request.path())
                .compose(http -> {
                    http.headers().addAll(MultiMap.caseInsensitiveMultiMap().addAll(request.headers()));
                    Future<io.vertx.core.http.HttpClientResponse> response = request.body() == null ? http.send()
                            : http.send(Buffer.buffer(request.body()));
                    return response.compose(answer -> answer.body().map(ignored -> answer.statusCode()));
                })
                .onComplete(result -> {
                    long answered = System.nanoTime();
                    int status = result.succeeded() ? result.result() : 0;
                    if (sent >= measureFrom && answered <= end) {
                        synchronized (micros) {
                            micros.recordValue((answered - sent) / 1_000);
                            statuses.merge(status, 1L, Long::sum);
                        }
                    }
                    next(requests, measureFrom, end, micros, statuses, done);
                });
    }

    @Override
    public void close() {
        client.close();
        vertx.close();
    }
}
