package io.parley.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PollsInFlightTest {

    private static final TopicPartition P0 = new TopicPartition("conversation-events", 0);
    private static final TopicPartition P1 = new TopicPartition("conversation-events", 1);

    private final Map<TopicPartition, Long> folded = new HashMap<>();
    private final PollsInFlight polls = new PollsInFlight((partition, offset) -> {
        Long before = folded.put(partition, offset);
        assertThat(before == null || before <= offset).as("folded offsets never go back").isTrue();
    });

    @Test
    void a_poll_done_before_an_earlier_one_is_not_folded_until_the_earlier_one_is_done() {
        PollsInFlight.Poll first = polls.started(Map.of(P0, 10L));
        PollsInFlight.Poll second = polls.started(Map.of(P0, 20L, P1, 5L));
        PollsInFlight.Poll third = polls.started(Map.of(P1, 9L));

        polls.done(second);
        assertThat(folded).as("the first poll's records may still be in progress").isEmpty();

        polls.done(first);
        assertThat(folded).containsExactlyInAnyOrderEntriesOf(Map.of(P0, 20L, P1, 5L));

        polls.done(third);
        assertThat(folded).containsExactlyInAnyOrderEntriesOf(Map.of(P0, 20L, P1, 9L));
    }

    @Test
    void awaiting_all_waits_for_every_poll_started_and_their_offsets_folded() throws Exception {
        PollsInFlight.Poll first = polls.started(Map.of(P0, 10L));
        PollsInFlight.Poll second = polls.started(Map.of(P0, 20L));
        polls.done(second);

        CompletableFuture<PollsInFlight.Settled> allDone = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                allDone.complete(polls.awaitAll(PollsInFlight.UNTIL_DONE));
            } catch (InterruptedException e) {
                allDone.completeExceptionally(e);
            }
        });
        waiter.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> waiter.getState() == Thread.State.TIMED_WAITING
                || waiter.getState() == Thread.State.TERMINATED);
        assertThat(allDone).as("the first poll is still in progress").isNotDone();

        polls.done(first);
        assertThat(allDone.get()).isEqualTo(PollsInFlight.Settled.ALL_DONE);
        assertThat(folded).containsEntry(P0, 20L);
    }

    @Test
    void closing_lets_the_waiter_go_without_saying_all_is_done() throws Exception {
        polls.started(Map.of(P0, 10L)); // interrupted by the shutdown: never done

        CompletableFuture<PollsInFlight.Settled> allDone = CompletableFuture.supplyAsync(() -> {
            try {
                return polls.awaitAll(PollsInFlight.UNTIL_DONE);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        polls.close();

        assertThat(allDone.get()).isEqualTo(PollsInFlight.Settled.CLOSED);
        assertThat(folded).isEmpty();
    }

    @Test
    void with_nothing_in_progress_all_is_done_at_once() throws Exception {
        polls.done(polls.started(Map.of(P1, 3L)));

        assertThat(polls.awaitAll(Duration.ZERO)).isEqualTo(PollsInFlight.Settled.ALL_DONE);
        assertThat(folded).containsExactlyInAnyOrderEntriesOf(Map.of(P1, 3L));
    }

    @Test
    void a_bounded_wait_gives_way_to_a_poll_still_in_progress() throws Exception {
        PollsInFlight.Poll slow = polls.started(Map.of(P0, 10L)); // a flow's HTTP step, say

        assertThat(polls.awaitAll(Duration.ofMillis(20))).isEqualTo(PollsInFlight.Settled.IN_PROGRESS);
        assertThat(folded).isEmpty();

        polls.done(slow);
        assertThat(polls.awaitAll(Duration.ofMillis(20))).isEqualTo(PollsInFlight.Settled.ALL_DONE);
        assertThat(folded).containsEntry(P0, 10L);
    }
}
