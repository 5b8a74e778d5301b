package io.parley.devstack.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.devstack.simulate.Ledger.Author;
import io.parley.testkit.recording.Arrivals.Arrival;
import org.junit.jupiter.api.Test;

class RepliesTest {

    @Test
    void a_whatsapp_send_is_told_apart_by_the_message_id_parley_puts_in_its_callback_data() {
        Arrival send = new Arrival(1, 7, "/v21.0/1065/messages", """
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"u1",
                 "biz_opaque_callback_data":"msg-9","type":"text","text":{"body":"hello","preview_url":false}}""");

        assertThat(Replies.fromGraph(send)).hasValueSatisfying(reply -> {
            assertThat(reply.userId()).isEqualTo("u1");
            assertThat(reply.deliveryId()).isEqualTo("msg-9");
            assertThat(reply.text()).isEqualTo("hello");
            assertThat(reply.author()).isEqualTo(Author.BOT);
        });
    }

    @Test
    void a_whatsapp_read_receipt_is_not_a_reply() {
        Arrival receipt = new Arrival(2, 8, "/v21.0/1065/messages", """
                {"messaging_product":"whatsapp","status":"read","message_id":"wamid.1"}""");

        assertThat(Replies.fromGraph(receipt)).isEmpty();
    }
}
