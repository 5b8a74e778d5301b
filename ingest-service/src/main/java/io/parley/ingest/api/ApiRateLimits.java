package io.parley.ingest.api;

import io.parley.ingest.web.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Per-tenant rate limits of the public API channel: a token bucket per tenant (all its API channels together), the
 * tenant's own limit where one is configured, else the default. In memory, per instance, like the web widget's limits
 * ({@link RateLimiter}): n instances let a tenant through at up to n times its rate.
 */
public final class ApiRateLimits {

    /** {@code burst} posts at once, then one more every {@code refill}. */
    public record Limit(int burst, Duration refill) {
    }

    private final RateLimiter defaults;
    private final Map<String, RateLimiter> ownLimits;

    public ApiRateLimits(Limit defaults, Map<String, Limit> tenants, Clock clock) {
        this.defaults = new RateLimiter(defaults.burst(), defaults.refill(), clock);
        this.ownLimits = tenants.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                entry -> new RateLimiter(entry.getValue().burst(), entry.getValue().refill(), clock)));
    }

    /** Takes one post of {@code tenant}: empty when allowed, else how long until it may post again. */
    public Optional<Duration> acquire(String tenant) {
        return ownLimits.getOrDefault(tenant, defaults).acquire(tenant);
    }
}
