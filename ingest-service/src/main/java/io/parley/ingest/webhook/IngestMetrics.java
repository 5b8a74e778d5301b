package io.parley.ingest.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.events.Channel;
import io.parley.ingest.normalize.Unhandled;
import jakarta.enterprise.context.ApplicationScoped;

/** Counters on {@code /q/metrics}: what came in, what was refused, what produced no event and why. */
@ApplicationScoped
public class IngestMetrics {

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Outcomes: accepted, unauthorized, not-json, invalid, unavailable, disabled and rate-limited (API channel). */
    public void webhook(Channel channel, String outcome) {
        registry.counter("parley.ingest.webhooks", "channel", channel.wireName(), "outcome", outcome).increment();
    }

    public void events(Channel channel, int count) {
        registry.counter("parley.ingest.events", "channel", channel.wireName()).increment(count);
    }

    public void unhandled(Channel channel, Unhandled unhandled) {
        registry.counter("parley.ingest.unhandled", "channel", channel.wireName(), "reason", unhandled.reason())
                .increment();
    }

    /** A tenant's API-channel post refused with 429 (over its rate limit). */
    public void apiRateLimited(String tenant) {
        registry.counter("parley.ingest.api.rate.limited", "tenant", tenant).increment();
    }

    /**
     * Outcomes: accepted, failed, duplicate (already settled), expired (older than the ledger horizon). Parked records
     * are counted by the shared {@code parley_dead_letters_total{service="ingest"}}.
     */
    public void outbound(String channel, String outcome) {
        registry.counter("parley.ingest.outbound", "channel", channel, "outcome", outcome).increment();
    }
}
