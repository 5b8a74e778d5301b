package io.parley.devstack.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parley.devstack.simulate.Ledger.Author;
import io.parley.devstack.simulate.Ledger.Reply;
import io.parley.devstack.simulate.Ledger.Sent;
import org.junit.jupiter.api.Test;

class LedgerTest {

    private static final long MS = 1_000;
    private final Ledger ledger = new Ledger();

    @Test
    void each_reply_belongs_to_the_customer_s_latest_message_before_it() {
        ledger.sent(new Sent("m1", "u1", 0));
        ledger.answeredWebhook("m1", 200, 3 * MS);
        ledger.replied(new Reply("u1", Author.BOT, null, "answer", 40 * MS));
        ledger.replied(new Reply("u1", Author.BOT, null, "did this solve it?", 41 * MS));
        ledger.sent(new Sent("m2", "u1", 2_000 * MS));
        ledger.answeredWebhook("m2", 200, 2_004 * MS);
        ledger.replied(new Reply("u1", Author.BOT, null, "answer", 2_100 * MS));

        Summary summary = ledger.summarize();

        assertThat(summary.sent()).isEqualTo(2);
        assertThat(summary.acknowledged()).isEqualTo(2);
        assertThat(summary.answered()).isEqualTo(2);
        assertThat(summary.lost()).isZero();
        assertThat(summary.duplicated()).isZero();
        assertThat(summary.botReply().count()).isEqualTo(2);
        assertThat(summary.botReply().max()).isCloseTo(100.0, within(0.5));
        assertThat(summary.botReply().p50()).isCloseTo(40.0, within(0.5));
        assertThat(summary.webhookAck().max()).isCloseTo(4.0, within(0.5));
    }

    @Test
    void an_acknowledged_message_never_answered_is_lost_unless_people_had_the_customer() {
        ledger.sent(new Sent("m1", "u1", 0));
        ledger.answeredWebhook("m1", 200, MS);
        ledger.sent(new Sent("m2", "u2", 0));
        ledger.answeredWebhook("m2", 200, MS);
        ledger.handedOff("u2", -5 * MS);
        ledger.sent(new Sent("m3", "u3", 0));
        ledger.answeredWebhook("m3", 503, MS);
        ledger.sent(new Sent("m4", "u4", 0));
        ledger.answeredWebhook("m4", 0, 30_000 * MS);

        Summary summary = ledger.summarize();

        assertThat(summary.lost()).isEqualTo(1);
        assertThat(summary.acknowledged()).isEqualTo(2);
        assertThat(summary.refusedByStatus()).containsEntry(503, 1).containsEntry(0, 1);
        assertThat(ledger.awaitingAnswers()).isEqualTo(1);
    }

    @Test
    void the_same_reply_delivered_twice_is_a_duplicate() {
        ledger.sent(new Sent("m1", "u1", 0));
        ledger.answeredWebhook("m1", 200, MS);
        ledger.replied(new Reply("u1", Author.BOT, "parley:r1", "answer", 10 * MS));
        ledger.replied(new Reply("u1", Author.BOT, "parley:r1", "answer", 12 * MS));
        ledger.replied(new Reply("u1", Author.BOT, null, "same text", 13 * MS));
        ledger.replied(new Reply("u1", Author.BOT, null, "same text", 14 * MS));

        assertThat(ledger.summarize().duplicated()).isEqualTo(2);
        assertThat(ledger.summarize().answered()).isEqualTo(1);
    }

    @Test
    void a_late_second_part_is_not_taken_for_a_resend_of_the_next_answer_s_when_sends_carry_ids() {
        ledger.sent(new Sent("m1", "u1", 0));
        ledger.answeredWebhook("m1", 200, MS);
        ledger.replied(new Reply("u1", Author.BOT, "r1", "answer", 40 * MS));
        ledger.sent(new Sent("m2", "u1", 100 * MS));
        ledger.answeredWebhook("m2", 200, 101 * MS);
        // m1's feedback prompt arrives after the customer wrote again, then m2's answer and its own prompt.
        ledger.replied(new Reply("u1", Author.BOT, "r2", "did this solve it?", 102 * MS));
        ledger.replied(new Reply("u1", Author.BOT, "r3", "answer", 150 * MS));
        ledger.replied(new Reply("u1", Author.BOT, "r4", "did this solve it?", 151 * MS));
        ledger.replied(new Reply("u1", Author.BOT, "r4", "did this solve it?", 152 * MS));

        Summary summary = ledger.summarize();

        assertThat(summary.duplicated()).isEqualTo(1);
        assertThat(summary.answered()).isEqualTo(2);
        assertThat(summary.lost()).isZero();
    }

    @Test
    void handoffs_assignments_and_agent_replies_are_measured_stage_by_stage() {
        ledger.sent(new Sent("m1", "u1", 0));
        ledger.answeredWebhook("m1", 200, MS);
        ledger.replied(new Reply("u1", Author.BOT, null, "passing you to a person", 20 * MS));
        ledger.handedOff("u1", 19 * MS);
        ledger.assigned("u1", 119 * MS);
        ledger.agentReplied("#ref-7", 1_000 * MS);
        ledger.replied(new Reply("u1", Author.AGENT, null, "Hi, I can help #ref-7", 1_250 * MS));

        Summary summary = ledger.summarize();

        assertThat(summary.handedOff()).isEqualTo(1);
        assertThat(summary.assigned()).isEqualTo(1);
        assertThat(summary.assignment().max()).isCloseTo(100.0, within(0.5));
        assertThat(summary.agentRepliesSent()).isEqualTo(1);
        assertThat(summary.agentRepliesDelivered()).isEqualTo(1);
        assertThat(summary.agentReply().max()).isCloseTo(250.0, within(0.5));
        assertThat(summary.answered()).isEqualTo(1);
        assertThat(summary.lines()).contains("lost 0  duplicated 0", "handoff -> assignment");
    }
}
