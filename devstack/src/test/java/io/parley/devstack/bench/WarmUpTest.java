package io.parley.devstack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.devstack.simulate.Summary;
import io.parley.devstack.simulate.Summary.Latency;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WarmUpTest {

    private static final Latency NONE = new Latency(0, 0, 0, 0, 0);
    private static final Latency QUICK = new Latency(50, 120, 300, 600, 700);

    @Test
    void a_round_whose_webhooks_all_timed_out_is_not_warm_although_it_lost_nothing() {
        assertThat(EndToEndBenchmark.warm(summary(50, 0, 0, NONE))).isFalse();
    }

    @Test
    void a_round_with_every_message_acknowledged_and_answered_within_a_second_is_warm() {
        assertThat(EndToEndBenchmark.warm(summary(50, 50, 50, QUICK))).isTrue();
        assertThat(EndToEndBenchmark.warm(summary(50, 49, 49, QUICK))).isFalse();
        assertThat(EndToEndBenchmark.warm(summary(50, 50, 50, new Latency(50, 900, 1500, 2500, 3000)))).isFalse();
    }

    private static Summary summary(long sent, long acknowledged, long answered, Latency botReply) {
        return new Summary(sent, acknowledged, Map.of(), answered, 0, 0, 0, 0, 0, 0, NONE, botReply, NONE, NONE);
    }
}
