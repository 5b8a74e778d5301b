package io.parley.devstack.bench;

import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.Topics;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent;
import io.parley.events.envelope.EventCodec;
import io.parley.events.ids.ConversationId;
import io.parley.events.ids.EventIds;
import io.parley.testkit.auth.DevTokens;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code parley bench analytics --end-to-end}: the push latency from an event appended to {@code conversation-events}
 * to the dashboard's live push that carries it, through the real broker, the analytics service's projection and its
 * server-sent events ({@code GET /api/v1/metrics/stream}, what the dashboard page reads), one viewer per tenant.
 *
 * <p>Customer messages are appended at a paced rate, round-robin over the tenants, each with an event time later than
 * its tenant's previous one. A push's {@code updatedAt} is the latest event time the projection folded for the tenant,
 * so every event at or before it is on the page: its latency is the push's arrival minus the append, both on this
 * JVM's monotonic clock. A warm-up (JIT, first polls) is appended the same way and not counted.
 */
public final class LivePushBenchmark {

    private static final Pattern UPDATED_AT = Pattern.compile("\"updatedAt\"\\s*:\\s*\"([^\"]+)\"");
    /** How long to wait, after the last append, for the pushes that carry the last events. */
    private static final Duration SETTLE = Duration.ofSeconds(15);

    private final Map<String, ConcurrentSkipListMap<Instant, Appended>> pending = new java.util.HashMap<>();
    private final Histogram millis = new Histogram(3_600_000L, 3);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private record Appended(long nanos, boolean measured) {
    }

    private LivePushBenchmark(List<String> tenants) {
        tenants.forEach(tenant -> pending.put(tenant, new ConcurrentSkipListMap<>()));
    }

    /** Runs it against a running broker and analytics service; answers the summary line. */
    public static String run(String bootstrapServers, String analyticsUrl, int tenants, int rate, Duration measure,
            PrintWriter details) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> names = new ArrayList<>();
        for (int t = 0; t < tenants; t++) {
            names.add("bench-push-" + run + "-" + t);
        }
        LivePushBenchmark bench = new LivePushBenchmark(names);
        HttpClient http = HttpClient.newHttpClient();
        List<Stream<String>> streams = new ArrayList<>();
        CountDownLatch subscribed = new CountDownLatch(tenants);
        try {
            for (String tenant : names) {
                streams.add(bench.watch(http, analyticsUrl, tenant, subscribed));
            }
            if (!subscribed.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the analytics service did not push the first live figures within 30 s");
            }
            Duration warmUp = Duration.ofSeconds(Math.max(2, Math.min(10, measure.toSeconds() / 3)));
            details.printf(Locale.ROOT, "%d viewers subscribed; warming up for %d s, then %d events/s for %d s…%n",
                    tenants, warmUp.toSeconds(), rate, measure.toSeconds());
            details.flush();
            int appended = bench.append(bootstrapServers, names, run, rate, warmUp, measure);
            long deadline = System.nanoTime() + SETTLE.toNanos();
            while (bench.waiting() > 0 && System.nanoTime() < deadline && bench.failure.get() == null) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            if (bench.failure.get() != null) {
                throw new IllegalStateException("a viewer's stream failed: " + bench.failure.get(), bench.failure.get());
            }
            Histogram seen = bench.snapshot();
            return String.format(Locale.ROOT,
                    "rate=%d tenants=%d measured=%d pushed=%d unpushed=%d e2e_push_p50_ms=%d e2e_push_p99_ms=%d"
                            + " e2e_push_max_ms=%d", rate, tenants, appended, seen.getTotalCount(), bench.waiting(),
                    seen.getValueAtPercentile(50), seen.getValueAtPercentile(99), seen.getMaxValue());
        } finally {
            streams.forEach(Stream::close);
        }
    }

    /** One viewer of a tenant: reads its server-sent events on a thread of its own until the stream is closed. */
    private Stream<String> watch(HttpClient http, String analyticsUrl, String tenant, CountDownLatch subscribed)
            throws Exception {
        HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(
                        URI.create(analyticsUrl + "/api/v1/metrics/stream"))
                .header("Authorization", "Bearer " + DevTokens.issue(tenant, "ops", "agent"))
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the live stream answered " + response.statusCode() + " for " + tenant);
        }
        Stream<String> lines = response.body();
        Thread reader = new Thread(() -> {
            try {
                lines.filter(line -> line.startsWith("data:")).forEach(line -> {
                    long arrived = System.nanoTime();
                    subscribed.countDown();
                    Matcher updatedAt = UPDATED_AT.matcher(line);
                    if (updatedAt.find()) {
                        pushed(tenant, Instant.parse(updatedAt.group(1)), arrived);
                    }
                });
            } catch (RuntimeException e) {
                // closing the stream at the end ends the read with an exception; only an earlier one is a failure
                if (subscribed.getCount() == 0 && waiting() > 0) {
                    failure.compareAndSet(null, e);
                }
            }
        }, "bench-push-viewer-" + tenant);
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** Every event of the tenant at or before the push's {@code updatedAt} is on the page now. */
    private void pushed(String tenant, Instant updatedAt, long arrived) {
        ConcurrentNavigableMap<Instant, Appended> shown = pending.get(tenant).headMap(updatedAt, true);
        shown.values().forEach(appended -> {
            if (appended.measured()) {
                synchronized (millis) {
                    millis.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMillis(arrived - appended.nanos())));
                }
            }
        });
        shown.clear();
    }

    /** Appends at {@code rate}: the warm-up, then the measured events; answers how many were measured. */
    private int append(String bootstrapServers, List<String> tenants, String run, int rate, Duration warmUp,
            Duration measure) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        Map<String, Instant> last = new java.util.HashMap<>();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long warmUpEvents = warmUp.toSeconds() * rate;
        long total = warmUpEvents + measure.toSeconds() * rate;
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(),
                new ByteArraySerializer())) {
            for (long i = 0; i < total && failure.get() == null; i++) {
                long due = start + i * interval;
                long now;
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                }
                String tenant = tenants.get((int) (i % tenants.size()));
                // Strictly later than the tenant's previous event, so an updatedAt names exactly what was folded.
                Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
                Instant previous = last.get(tenant);
                if (previous != null && !at.isAfter(previous)) {
                    at = previous.plus(1, ChronoUnit.MICROS);
                }
                last.put(tenant, at);
                String conversation = ConversationId.whatsapp("1065", "push-" + (i % 500)).toString();
                String messageId = "wamid.push." + run + "." + i;
                Event event = new Event(EventIds.nameBased(messageId).toString(), "/bench/push", conversation, at,
                        tenant, null, new ConversationEvent.MessageReceived(Channel.WHATSAPP, "1065", messageId,
                        new ConversationEvent.Contact("push-" + (i % 500), "Customer", null),
                        Content.text("Where is my parcel number " + i + "?"), null, null, null, at));
                pending.get(tenant).put(at, new Appended(System.nanoTime(), i >= warmUpEvents));
                producer.send(new ProducerRecord<>(Topics.CONVERSATION_EVENTS, conversation, EventCodec.encode(event)),
                        (metadata, exception) -> {
                            if (exception != null) {
                                failure.compareAndSet(null, exception);
                            }
                        });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("appending failed: " + failure.get(), failure.get());
        }
        return (int) (total - warmUpEvents);
    }

    private long waiting() {
        return pending.values().stream().mapToLong(Map::size).sum();
    }

    private Histogram snapshot() {
        synchronized (millis) {
            return millis.copy();
        }
    }
}
