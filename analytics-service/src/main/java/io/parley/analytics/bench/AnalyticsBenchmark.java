package io.parley.analytics.bench;

import io.parley.analytics.figures.Filter;
import io.parley.analytics.figures.LiveFigures;
import io.parley.analytics.figures.Projection;
import io.parley.analytics.figures.SlaRules;
import io.parley.analytics.figures.TenantProjection;
import io.parley.analytics.live.LivePushes;
import io.parley.analytics.projection.JdbcCheckpointStore;
import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.EventData;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent;
import io.parley.events.conversation.ConversationStatus;
import io.parley.events.envelope.EventCodec;
import io.parley.events.ids.ConversationId;
import io.parley.events.ids.EventIds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code parley bench analytics}: (1) the projection rebuild — decoding and folding a synthetic log of encoded
 * CloudEvents — in events/s, against a raw read that only decodes the same bytes, in the same run; (2) the push
 * latency from an event being folded to the live push that carries it, with one viewer per tenant, at a paced rate.
 * In process: no broker or network, so (2) measures the coalescer and the figures, not Kafka. Before the last line it
 * prints what a checkpoint of the rebuilt projection costs to encode when every tenant changed.
 */
public final class AnalyticsBenchmark {

    private static final String[] TEXTS = {"Where is my order?", "I want a refund, this is terrible",
            "¿Dónde está mi pedido?", "Can I change my delivery address", "Olá, preciso de ajuda com a fatura"};

    private AnalyticsBenchmark() {
    }

    public static String run(int events, int tenants, int rate, Duration pushFor) {
        List<byte[]> log = log(events, tenants);
        // warm up the JIT on a slice so that the two reads compare steady states
        rebuild(log.subList(0, Math.min(log.size(), 2000)));
        rawRead(log.subList(0, Math.min(log.size(), 2000)));

        long rawStart = System.nanoTime();
        long decoded = rawRead(log);
        double rawPerSecond = decoded / seconds(System.nanoTime() - rawStart);
        long rebuildStart = System.nanoTime();
        Projection rebuilt = rebuild(log);
        double perSecond = log.size() / seconds(System.nanoTime() - rebuildStart);
        String checkpoint = checkpoint(rebuilt);

        double[] latencies = pushLatencies(tenants, rate, pushFor);
        return checkpoint + System.lineSeparator() + String.format(Locale.ROOT,
                "events=%d per_s=%.0f raw_per_s=%.0f ratio=%.2f push_p50_ms=%.1f"
                        + " push_p99_ms=%.1f", log.size(), perSecond, rawPerSecond, perSecond / rawPerSecond,
                percentile(latencies, 50), percentile(latencies, 99));
    }

    /**
     * What one checkpoint costs the projection's thread when every tenant changed since the last one (steady traffic
     * on every tenant): each tenant's kept events encoded and gzipped, as {@link JdbcCheckpointStore#bytes} does
     * before writing them; the database write is not timed.
     */
    static String checkpoint(Projection projection) {
        long start = System.nanoTime();
        long kept = 0;
        long bytes = 0;
        for (TenantProjection tenant : projection.tenants()) {
            List<Event> events = tenant.keptEvents();
            kept += events.size();
            bytes += JdbcCheckpointStore.bytes(events).length;
        }
        return String.format(Locale.ROOT, "checkpoint (every tenant changed): kept_events=%d gzipped_mb=%.1f"
                + " encode_ms=%.0f", kept, bytes / 1e6, (System.nanoTime() - start) / 1e6);
    }

    static long rawRead(List<byte[]> log) {
        long count = 0;
        for (byte[] record : log) {
            if (EventCodec.decode(record).isPresent()) {
                count++;
            }
        }
        return count;
    }

    static Projection rebuild(List<byte[]> log) {
        Projection projection = new Projection();
        for (byte[] record : log) {
            EventCodec.decode(record).ifPresent(projection::apply);
        }
        return projection;
    }

    /** Folds events at {@code rate} per second and measures, per event, fold-to-push time in milliseconds. */
    static double[] pushLatencies(int tenants, int rate, Duration duration) {
        Projection projection = new Projection();
        ConcurrentLinkedQueue<Long>[] pending = pendingQueues(tenants);
        List<Double> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        try (LivePushes pushes = new LivePushes(Duration.ofSeconds(1))) {
            for (int t = 0; t < tenants; t++) {
                int tenant = t;
                pushes.subscribe(tenantName(t), () -> {
                    long pushed = System.nanoTime();
                    TenantProjection figures = projection.tenant(tenantName(tenant));
                    figures.read(f -> LiveFigures.compute(f, Filter.ALL, Instant.now(), SlaRules.DEFAULT));
                    for (Long folded = pending[tenant].poll(); folded != null; folded = pending[tenant].poll()) {
                        latencies.add((pushed - folded) / 1e6);
                    }
                });
            }
            long total = Math.max(1, duration.toSeconds() * rate);
            long interval = 1_000_000_000L / rate;
            long start = System.nanoTime();
            Instant at = Instant.now();
            for (long i = 0; i < total; i++) {
                LockSupport.parkNanos(start + i * interval - System.nanoTime());
                int tenant = (int) (i % tenants);
                Event event = EventCodec.decode(EventCodec.encode(customerMessage(tenant, i, at.plusMillis(i))))
                        .orElseThrow();
                if (projection.apply(event).isPresent()) {
                    pending[tenant].add(System.nanoTime());
                    pushes.changed(tenantName(tenant));
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (Arrays.stream(pending).anyMatch(queue -> !queue.isEmpty()) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
        }
        return latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    @SuppressWarnings("unchecked")
    private static ConcurrentLinkedQueue<Long>[] pendingQueues(int tenants) {
        ConcurrentLinkedQueue<Long>[] queues = new ConcurrentLinkedQueue[tenants];
        for (int i = 0; i < tenants; i++) {
            queues[i] = new ConcurrentLinkedQueue<>();
        }
        return queues;
    }

    /** A realistic mix: each conversation is a question, a bot answer, a handoff, queueing, a reply and a solve. */
    static List<byte[]> log(int events, int tenants) {
        List<byte[]> log = new ArrayList<>(events);
        Instant start = Instant.parse("2026-11-23T08:00:00Z");
        for (int c = 0; log.size() < events; c++) {
            String tenant = tenantName(c % tenants);
            String conversation = ConversationId.whatsapp("1065", "user-" + c).toString();
            Instant at = start.plusSeconds(c * 7L);
            List<EventData> steps = List.of(
                    new ConversationEvent.MessageReceived(Channel.WHATSAPP, "1065", "wamid." + c,
                            new ConversationEvent.Contact("user-" + c, "Customer", null),
                            Content.text(TEXTS[c % TEXTS.length]), null, null,
                            new ConversationEvent.MessageContext(null, c % 2 == 0 ? "en" : "es"), at),
                    new ConversationEvent.BotAnswered("article-" + (c % 20), null, 0.8, "en", "bot-" + c),
                    new ConversationEvent.HandoffRequested("asked-for-human", "wants a person", "en", List.of()),
                    new ConversationEvent.Queued("team-" + (c % 3), ConversationEvent.Priority.NORMAL, 1),
                    new ConversationEvent.Assigned("agent-" + (c % 10), "team-" + (c % 3), null, "balanced"),
                    new ConversationEvent.MessageOutbound("reply-" + c,
                            new ConversationEvent.Author(ConversationEvent.AuthorKind.AGENT, "agent-" + (c % 10)),
                            Content.text("Let me check"), null, null),
                    new ConversationEvent.StatusChanged(ConversationStatus.SOLVED, null, null));
            for (int s = 0; s < steps.size() && log.size() < events; s++) {
                log.add(EventCodec.encode(new Event(EventIds.nameBased(conversation + s).toString(), "/bench",
                        conversation, at.plusSeconds(s * 30L), tenant, null, steps.get(s))));
            }
        }
        return log;
    }

    private static Event customerMessage(int tenant, long n, Instant at) {
        String conversation = ConversationId.whatsapp("1065", "live-" + n).toString();
        return new Event(EventIds.nameBased("live" + tenant + ":" + n).toString(), "/bench", conversation, at,
                tenantName(tenant), null, new ConversationEvent.MessageReceived(Channel.WHATSAPP, "1065",
                "wamid.live." + n, new ConversationEvent.Contact("live-" + n, "Customer", null),
                Content.text(TEXTS[(int) (n % TEXTS.length)]), null, null, null, at));
    }

    private static String tenantName(int index) {
        return "bench-tenant-" + index;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
