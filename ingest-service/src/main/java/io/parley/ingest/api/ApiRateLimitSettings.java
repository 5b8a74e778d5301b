package io.parley.ingest.api;

import io.smallrye.config.ConfigMapping;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code parley.ingest.api.rate-limit.*}: the default limit of every tenant's API channel posts
 * ({@code burst}, {@code refill}) and a tenant's own ({@code tenants.<tenant>.burst}, {@code .refill}).
 */
@ConfigMapping(prefix = "parley.ingest.api.rate-limit")
public interface ApiRateLimitSettings {

    int burst();

    Duration refill();

    Map<String, TenantLimit> tenants();

    /** The limits these settings describe. */
    default ApiRateLimits limits(Clock clock) {
        return new ApiRateLimits(new ApiRateLimits.Limit(burst(), refill()), tenants().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey,
                        entry -> new ApiRateLimits.Limit(entry.getValue().burst(), entry.getValue().refill()))), clock);
    }

    interface TenantLimit {
        int burst();

        Duration refill();
    }
}
