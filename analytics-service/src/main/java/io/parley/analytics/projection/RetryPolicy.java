package io.parley.analytics.projection;

import java.time.Duration;

/**
 * How long to wait before the next attempt at something that failed {@code attempt} times in a row (PostgreSQL
 * unreachable): doubling from {@code first}, never more than {@code max}, and never giving up.
 */
public record RetryPolicy(Duration first, Duration max) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(30));

    public Duration delayAfter(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - 1, 30);
        long millis = first.toMillis() << Math.min(doublings, 20);
        return millis >= max.toMillis() || millis <= 0 ? max : Duration.ofMillis(millis);
    }
}
