package io.parley.analytics.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The wait between attempts while PostgreSQL is down. The IT cannot stop the machine's shared PostgreSQL safely (other
 * engineers' suites use it), so the outage behaviour is tested here and in ProjectionFollower's structure: the fold
 * never waits for a checkpoint, and loading one retries forever.
 */
class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(30));

    @Test
    void waits_double_from_the_first_and_stop_growing_at_the_maximum() {
        assertThat(policy.delayAfter(0)).isZero();
        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayAfter(7)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void never_gives_up_however_long_the_outage() {
        assertThat(policy.delayAfter(1_000_000)).isEqualTo(Duration.ofSeconds(30));
    }
}
