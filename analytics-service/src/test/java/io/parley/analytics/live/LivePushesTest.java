package io.parley.analytics.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LivePushesTest {

    @Test
    void a_viewer_gets_one_push_at_once_and_changes_within_the_interval_are_coalesced() {
        try (LivePushes pushes = new LivePushes(Duration.ofHours(1))) {
            AtomicInteger received = new AtomicInteger();
            pushes.subscribe("acme", received::incrementAndGet);
            await().until(() -> received.get() == 1);

            for (int i = 0; i < 50; i++) {
                pushes.changed("acme");
            }

            // the next push is due an hour after the first: none of the 50 changes may push before then
            assertThat(received.get()).isEqualTo(1);
        }
    }

    @Test
    void a_change_after_the_interval_is_pushed_and_other_tenants_viewers_are_not() {
        try (LivePushes pushes = new LivePushes(Duration.ZERO)) {
            AtomicInteger acme = new AtomicInteger();
            AtomicInteger other = new AtomicInteger();
            pushes.subscribe("acme", acme::incrementAndGet);
            pushes.subscribe("other", other::incrementAndGet);
            await().until(() -> acme.get() == 1 && other.get() == 1);

            pushes.changed("acme");

            await().until(() -> acme.get() == 2);
            assertThat(other.get()).isEqualTo(1);
        }
    }

    @Test
    void a_viewer_whose_push_fails_is_unsubscribed() {
        try (LivePushes pushes = new LivePushes(Duration.ZERO)) {
            pushes.subscribe("acme", () -> {
                throw new IllegalStateException("connection closed");
            });

            await().until(() -> pushes.viewerCount() == 0);
        }
    }
}
