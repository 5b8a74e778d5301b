package io.parley.devstack.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.events.Channel;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MixAndScheduleTest {

    @Test
    void a_mix_picks_channels_in_proportion_to_their_weights() {
        Mix mix = Mix.parse(Mix.DEFAULT);
        Random random = new Random(7);
        Map<Channel, Integer> picked = new EnumMap<>(Channel.class);
        for (int i = 0; i < 10_000; i++) {
            picked.merge(mix.pick(random.nextDouble()), 1, Integer::sum);
        }

        assertThat(picked.get(Channel.WHATSAPP)).isBetween(5_800, 6_200);
        assertThat(picked.get(Channel.MESSENGER)).isBetween(1_850, 2_150);
        assertThat(picked.get(Channel.INSTAGRAM)).isBetween(900, 1_100);
        assertThat(picked.get(Channel.API)).isBetween(900, 1_100);
    }

    @Test
    void a_channel_of_weight_zero_is_never_picked() {
        Mix mix = Mix.parse("whatsapp:0,api:1");

        assertThat(mix.pick(0.0)).isEqualTo(Channel.API);
        assertThat(mix.pick(0.999)).isEqualTo(Channel.API);
    }

    @Test
    void a_bad_mix_says_what_is_wrong() {
        assertThatThrownBy(() -> Mix.parse("whatsapp60")).hasMessageContaining("is not channel:weight");
        assertThatThrownBy(() -> Mix.parse("telegram:5")).hasMessageContaining("'telegram' is not a simulated channel");
        assertThatThrownBy(() -> Mix.parse("web:5")).hasMessageContaining("'web' is not a simulated channel");
        assertThatThrownBy(() -> Mix.parse("api:x")).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> Mix.parse("api:0")).hasMessageContaining("positive weight");
    }

    @Test
    void the_schedule_is_a_fixed_arrival_rate_whatever_the_answers() {
        Schedule schedule = new Schedule(200, Duration.ofSeconds(60));

        assertThat(schedule.count()).isEqualTo(12_000);
        assertThat(schedule.dueNanos(0)).isZero();
        assertThat(schedule.dueNanos(1)).isEqualTo(5_000_000);
        assertThat(schedule.dueNanos(11_999)).isEqualTo(59_995_000_000L);
        assertThat(schedule.intervalMicros()).isEqualTo(5_000);
        assertThatThrownBy(() -> new Schedule(0, Duration.ofSeconds(1))).hasMessageContaining("rate");
    }
}
