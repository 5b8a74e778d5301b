package io.parley.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private Instant now = Instant.parse("2026-11-22T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void a_burst_passes_then_the_next_request_is_told_when_to_retry() {
        RateLimiter limiter = new RateLimiter(3, Duration.ofSeconds(2), clock);

        assertThat(limiter.acquire("v-1")).isEmpty();
        assertThat(limiter.acquire("v-1")).isEmpty();
        assertThat(limiter.acquire("v-1")).isEmpty();
        assertThat(limiter.acquire("v-1")).contains(Duration.ofSeconds(2));
        assertThat(limiter.acquire("v-2")).as("another visitor has a bucket of their own").isEmpty();

        now = now.plusSeconds(1);
        assertThat(limiter.acquire("v-1")).contains(Duration.ofSeconds(1));
        now = now.plusSeconds(1);
        assertThat(limiter.acquire("v-1")).isEmpty();
    }
}
