package io.parley.testkit.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ArrivalsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T08:00:00.123456Z"), ZoneOffset.UTC);

    private final Arrivals arrivals = new Arrivals(CLOCK, Arrivals.KEPT);

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

    @Test
    void keepsOnlyTheMostRecentAndNeverReusesANumberEvenAfterAClear() {
        Arrivals fewKept = new Arrivals(CLOCK, 3);
        for (int i = 0; i < 5; i++) {
            fewKept.add("/m", "body " + i);
        }
        assertThat(fewKept.from(0)).extracting(Arrivals.Arrival::n).containsExactly(2L, 3L, 4L);
        assertThat(fewKept.from(3)).extracting(Arrivals.Arrival::n).containsExactly(3L, 4L);
        assertThat(fewKept.latest()).map(Arrivals.Arrival::n).contains(4L);

        fewKept.clear();
        assertThat(fewKept.latest()).isEmpty();
        assertThat(fewKept.add("/m", "after the clear").n()).isEqualTo(5);
        assertThat(fewKept.from(5)).extracting(Arrivals.Arrival::body).containsExactly("after the clear");
    }
}
