package io.parley.testkit.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ArrivalsTest {

    private final Arrivals arrivals = new Arrivals(Clock.fixed(Instant.parse("2026-12-02T08:00:00.123456Z"),
            ZoneOffset.UTC));

    @Test
    void numbersArrivalsInOrderAndStampsThemInMicroseconds() {
        arrivals.add("/a", "{\"x\":\"é\"}");
        arrivals.add("/b", "second");

        assertThat(arrivals.from(1)).containsExactly(new Arrivals.Arrival(1, 1_796_198_400_123_456L, "/b", "second"));
        assertThat(arrivals.from(5)).isEmpty();
    }

    @Test
    void theJsonReadsBackAsTheSameArrivals() {
        arrivals.add("/v23.0/me/messages", "{\"text\":\"\\\"quoted\\\" 你好\"}");

        assertThat(Arrivals.parse(Arrivals.toJson(arrivals.from(0)))).isEqualTo(arrivals.from(0));
    }
}
