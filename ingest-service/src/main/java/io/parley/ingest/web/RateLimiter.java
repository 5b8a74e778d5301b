package io.parley.ingest.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (a visitor, an IP address): {@code burst} requests at once, then one more every
 * {@code refillEvery}. In memory, per instance: a visitor spread over n instances gets up to n times the rate, which
 * still stops a runaway script; a shared limit would need a shared store.
 */
public final class RateLimiter {

    /** Buckets kept at most; beyond it, full ones (keys idle long enough to have refilled) are forgotten. */
    private static final int MAX_KEYS = 100_000;

    private final int burst;
    private final Duration refillEvery;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int burst, Duration refillEvery, Clock clock) {
        if (burst < 1 || refillEvery.isZero() || refillEvery.isNegative()) {
            throw new IllegalArgumentException("a rate limit needs a burst of at least 1 and a positive refill "
                    + "interval, not " + burst + " per " + refillEvery);
        }
        this.burst = burst;
        this.refillEvery = refillEvery;
        this.clock = clock;
    }

    /** Takes one request's token: empty when allowed, else how long until the next token (for Retry-After). */
    public Optional<Duration> acquire(String key) {
        Instant now = clock.instant();
        if (buckets.size() > MAX_KEYS) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        return buckets.computeIfAbsent(key, ignored -> new Bucket(now)).take(now);
    }

    private final class Bucket {
        private double tokens = burst;
        private Instant updated;

        Bucket(Instant now) {
            this.updated = now;
        }

        synchronized Optional<Duration> take(Instant now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            long nanosToNext = (long) Math.ceil((1 - tokens) * refillEvery.toNanos());
            return Optional.of(Duration.ofNanos(nanosToNext));
        }

        synchronized boolean isFull(Instant now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(Instant now) {
            long elapsed = Duration.between(updated, now).toNanos();
            if (elapsed > 0) {
                tokens = Math.min(burst, tokens + (double) elapsed / refillEvery.toNanos());
                updated = now;
            }
        }
    }
}
