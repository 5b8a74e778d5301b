package io.parley.devstack.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.EventData;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.DeliveryOutcome;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.MessageDelivery;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A burst's messages and replies, reconciled from the log: order, one conversation, each answered once. */
class BurstAuditTest {

    private static final String CONVERSATION = "whatsapp:15550100001:812345678000001000";
    private static final Bursts.Burst BURST = new Bursts.Burst("812345678000001000", List.of("mB0", "mB1", "mB2"),
            List.of("mB0", "mB1", "mB2"));

    @Test
    void a_burst_answered_in_order_in_one_conversation_passes() {
        List<Event> log = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            log.add(received(i, CONVERSATION));
        }
        for (int i = 0; i < 3; i++) {
            log.add(reply(i));
            log.add(delivered(i, DeliveryOutcome.ACCEPTED));
        }

        BurstAudit.Result result = BurstAudit.audit(List.of(BURST), log);

        assertThat(result.problems()).isEmpty();
        assertThat(result).isEqualTo(new BurstAudit.Result(3, 3, 0, 0, List.of()));
    }

    @Test
    void replies_out_of_order_a_second_conversation_a_double_delivery_and_a_missing_answer_are_each_found() {
        List<Event> log = new ArrayList<>(List.of(received(0, CONVERSATION), received(1, CONVERSATION),
                received(2, CONVERSATION + "x")));
        log.add(reply(1));
        log.add(reply(0));
        log.add(delivered(1, DeliveryOutcome.ACCEPTED));
        log.add(delivered(0, DeliveryOutcome.ACCEPTED));
        log.add(delivered(0, DeliveryOutcome.ACCEPTED));

        BurstAudit.Result result = BurstAudit.audit(List.of(BURST), log);

        assertThat(result.duplicated()).isEqualTo(1);
        assertThat(result.lost()).isEqualTo(1);
        assertThat(result.problems()).anyMatch(problem -> problem.contains("in 2 conversations"))
                .anyMatch(problem -> problem.contains("logged out of order: [1, 0]"))
                .anyMatch(problem -> problem.contains("sent out of order: [1, 0, 0]"))
                .anyMatch(problem -> problem.equals("burst message mB2 was never answered"));
    }

    @Test
    void after_a_handoff_the_bot_stays_quiet_and_an_acknowledged_message_missing_from_the_log_is_lost() {
        Bursts.Burst four = new Bursts.Burst(BURST.userId(), List.of("mB0", "mB1", "mB2", "mB3"),
                List.of("mB0", "mB1", "mB2", "mB3"));
        List<Event> log = List.of(received(0, CONVERSATION), received(1, CONVERSATION), received(2, CONVERSATION),
                reply(0), delivered(0, DeliveryOutcome.ACCEPTED),
                event("h1", "e1", new HandoffRequested("asked-for-human", null, "en", List.of())));

        BurstAudit.Result result = BurstAudit.audit(List.of(four), log);

        assertThat(result.answered()).isEqualTo(1);
        assertThat(result.lost()).isEqualTo(1);
        assertThat(result.problems()).containsExactly("burst message mB3 acknowledged but not in conversation-events");
    }

    private static Event received(int i, String conversation) {
        return new Event("e" + i, "/ingest/whatsapp", conversation, Instant.EPOCH, "demo", null,
                new MessageReceived(Channel.WHATSAPP, "15550100001", "mB" + i, null, Content.text("hi"), null, null,
                        null, Instant.EPOCH));
    }

    private static Event reply(int i) {
        return event("o" + i, "e" + i, new MessageOutbound("r" + i, null, Content.text("hello"), null, null));
    }

    private static Event delivered(int i, DeliveryOutcome outcome) {
        return event("d" + i + outcome, "o" + i, new MessageDelivery("r" + i, outcome, null, null));
    }

    private static Event event(String id, String cause, EventData data) {
        return new Event(id, "/test", CONVERSATION, Instant.EPOCH, "demo", cause, data);
    }
}
