package io.parley.ticket.viewers;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.ticket.viewers.Viewers.Change;
import io.parley.ticket.viewers.Viewers.Viewer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewersTest {

    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");
    private final Viewers viewers = new Viewers(Duration.ofSeconds(45));

    @Test
    void a_first_heartbeat_and_a_close_are_announced_a_repeated_heartbeat_is_not() {
        assertThat(viewers.heard("acme", "c1", "ada", true, T0)).contains(
                new Change("acme", "c1", List.of(new Viewer("ada", T0, T0))));
        assertThat(viewers.heard("acme", "c1", "ada", true, T0.plusSeconds(15))).isEmpty();
        Change bobJoins = viewers.heard("acme", "c1", "bob", true, T0.plusSeconds(20)).orElseThrow();
        assertThat(bobJoins.viewers()).extracting(Viewer::agentId).containsExactly("ada", "bob");

        assertThat(viewers.heard("acme", "c1", "ada", false, T0.plusSeconds(30)).orElseThrow().viewers())
                .extracting(Viewer::agentId).containsExactly("bob");
        assertThat(viewers.heard("acme", "c1", "ada", false, T0.plusSeconds(31))).isEmpty();
    }

    @Test
    void an_agent_whose_heartbeats_stop_leaves_after_the_ttl_and_that_is_announced_once() {
        viewers.heard("acme", "c1", "ada", true, T0);
        viewers.heard("acme", "c1", "bob", true, T0.plusSeconds(30));

        assertThat(viewers.expire(T0.plusSeconds(45))).isEmpty();
        assertThat(viewers.of("acme", "c1", T0.plusSeconds(46))).extracting(Viewer::agentId).containsExactly("bob");
        assertThat(viewers.expire(T0.plusSeconds(46))).containsExactly(
                new Change("acme", "c1", List.of(new Viewer("bob", T0.plusSeconds(30), T0.plusSeconds(30)))));
        assertThat(viewers.expire(T0.plusSeconds(47))).isEmpty();
        assertThat(viewers.expire(T0.plusSeconds(80)).get(0).viewers()).isEmpty();
        assertThat(viewers.of("acme", "c1", T0.plusSeconds(80))).isEmpty();
    }

    @Test
    void tenants_and_conversations_are_kept_apart_and_a_late_heartbeat_does_not_turn_the_clock_back() {
        viewers.heard("acme", "c1", "ada", true, T0.plusSeconds(10));
        viewers.heard("acme", "c1", "ada", true, T0);
        viewers.heard("other", "c1", "zoe", true, T0);
        viewers.heard("acme", "c2", "bob", true, T0);

        assertThat(viewers.of("acme", "c1", T0.plusSeconds(50))).containsExactly(
                new Viewer("ada", T0.plusSeconds(10), T0.plusSeconds(10)));
        assertThat(viewers.of("other", "c1", T0)).extracting(Viewer::agentId).containsExactly("zoe");
        assertThat(viewers.of("acme", "c3", T0)).isEmpty();
    }
}
