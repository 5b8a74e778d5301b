package io.parley.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRateLimitsTest {

    private final ApiRateLimits limits = new ApiRateLimits(new ApiRateLimits.Limit(3, Duration.ofSeconds(1)),
            Map.of("small", new ApiRateLimits.Limit(1, Duration.ofMinutes(1))),
            Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void aTenantWithItsOwnLimitIsHeldToItAndTheOthersToTheDefaultEachInItsOwnBucket() {
        assertThat(limits.acquire("small")).isEmpty();
        assertThat(limits.acquire("small")).contains(Duration.ofMinutes(1));

        for (String tenant : new String[] {"acme", "globex"}) {
            for (int post = 0; post < 3; post++) {
                assertThat(limits.acquire(tenant)).as(tenant + " post " + post).isEmpty();
            }
            assertThat(limits.acquire(tenant)).contains(Duration.ofSeconds(1));
        }
    }
}
