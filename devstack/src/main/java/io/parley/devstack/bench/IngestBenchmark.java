package io.parley.devstack.bench;

import io.parley.devstack.simulate.WebhookBodies;
import io.parley.devstack.up.DemoAccounts;
import io.parley.events.Channel;
import io.vertx.core.http.HttpMethod;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code parley bench ingest}: one ingest process and its broker, two loads in one run: the bare endpoint (the Meta
 * handshake with a wrong verify token: HTTP and routing, nothing else) and signed WhatsApp webhooks, each answered
 * once its raw body and events are acknowledged by all in-sync replicas. Signed/bare says what share of the server's
 * HTTP capacity the real work leaves. Only answers with the expected status (200, 403) count.
 */
public final class IngestBenchmark {

    static final int CONCURRENCY = 64;
    private static final int OK = 200;
    /** The handshake's answer to a wrong verify token. */
    private static final int FORBIDDEN = 403;

    private IngestBenchmark() {
    }

    /** Static configuration that makes ingest serve the demo's WhatsApp number (for a platform of ingest alone). */
    public static Map<String, String> ingestConfig(String tenant) {
        return Map.of("parley.channels.whatsapp.app-secret", DemoAccounts.WHATSAPP.appSecret(),
                "parley.channels.whatsapp.accounts." + DemoAccounts.WHATSAPP.accountId() + ".tenant", tenant);
    }

    /** Measures an ingest that serves the demo's WhatsApp number; prints details, answers the summary line. */
    public static String run(String ingestUrl, Duration warmUp, Duration measure, PrintWriter details)
            throws InterruptedException {
        AtomicLong sequence = new AtomicLong();
        String runId = Long.toString(System.currentTimeMillis());
        ClosedLoop.Result bare;
        ClosedLoop.Result signed;
        try (ClosedLoop loop = new ClosedLoop(ingestUrl, CONCURRENCY)) {
            bare = loop.run(() -> new ClosedLoop.Request(HttpMethod.GET,
                    "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1", Map.of(), null),
                    warmUp, measure);
            signed = loop.run(() -> {
                long n = sequence.incrementAndGet();
                WebhookBodies.Webhook webhook = WebhookBodies.text(Channel.WHATSAPP, "9" + (n % 5000), "Bench",
                        "wamid.BENCH" + runId + "N" + n, "Where is my order " + n + "?", Instant.now());
                return new ClosedLoop.Request(HttpMethod.POST, webhook.path(), webhook.headers(), webhook.body());
            }, warmUp, measure);
        }
        details.printf(Locale.ROOT, "bare:   %d answers, statuses %s%n", bare.answers(), bare.statuses());
        details.printf(Locale.ROOT, "signed: %d answers, statuses %s, p90 %.1f ms, max %.1f ms%n", signed.answers(),
                signed.statuses(), signed.percentileMillis(90), signed.micros().getMaxValue() / 1000.0);
        details.flush();
        return String.format(Locale.ROOT, "signed_per_s=%.0f bare_per_s=%.0f ratio=%.2f p50_ms=%.1f p99_ms=%.1f",
                signed.perSecond(OK), bare.perSecond(FORBIDDEN), signed.perSecond(OK) / bare.perSecond(FORBIDDEN),
                signed.percentileMillis(50), signed.percentileMillis(99));
    }
}
