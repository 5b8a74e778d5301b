package io.parley.ingest.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.events.Channel;
import io.parley.ingest.normalize.Unhandled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counters on {@code /q/metrics}: what came in, what was refused, what produced no event and why. */
@ApplicationScoped
public class IngestMetrics {

    private final MeterRegistry registry;
    /**
     * Counters found once per name and tags: the registry builds the tags and the id and runs its meter filters on
     * every look-up, which showed in the profile at thousands of webhooks a second, on Kafka's I/O thread that
     * completes them.
     */
    private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Outcomes: accepted, unauthorized, not-json, invalid, unavailable, disabled and rate-limited (API channel). */
    public void webhook(Channel channel, String outcome) {
        counter("parley.ingest.webhooks", "channel", channel.wireName(), "outcome", outcome).increment();
    }

    public void events(Channel channel, int count) {
        counter("parley.ingest.events", "channel", channel.wireName()).increment(count);
    }

    public void unhandled(Channel channel, Unhandled unhandled) {
        counter("parley.ingest.unhandled", "channel", channel.wireName(), "reason", unhandled.reason())
                .increment();
    }

    /** A tenant's API-channel post refused with 429 (over its rate limit). */
    public void apiRateLimited(String tenant) {
        counter("parley.ingest.api.rate.limited", "tenant", tenant).increment();
    }

    /**
     * Outcomes: accepted, failed, duplicate (already settled), expired (older than the ledger horizon). Parked records
     * are counted by the shared {@code parley_dead_letters_total{service="ingest"}}.
     */
    public void outbound(String channel, String outcome) {
        counter("parley.ingest.outbound", "channel", channel, "outcome", outcome).increment();
    }

    private Counter counter(String name, String... tags) {
        CounterKey key = new CounterKey(name, List.of(tags));
        Counter counter = counters.get(key);
        return counter != null ? counter : counters.computeIfAbsent(key, k -> registry.counter(name, tags));
    }

    private record CounterKey(String name, List<String> tags) {
    }
}
