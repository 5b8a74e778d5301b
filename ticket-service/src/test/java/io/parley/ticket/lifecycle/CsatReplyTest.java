package io.parley.ticket.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.conversation.Content;
import org.junit.jupiter.api.Test;

class CsatReplyTest {

    @Test
    void readsScoresFromTextAndButtons() {
        assertThat(CsatReply.parse(Content.text("5"))).contains(new CsatReply.Score(5, null));
        assertThat(CsatReply.parse(Content.text("4 - quick and kind"))).contains(new CsatReply.Score(4, "quick and kind"));
        assertThat(CsatReply.parse(Content.text("3/5"))).contains(new CsatReply.Score(3, null));
        assertThat(CsatReply.parse(Content.builder(Content.INTERACTIVE).replyId("csat-2").replyTitle("Meh").build()))
                .contains(new CsatReply.Score(2, null));
    }

    @Test
    void ignoresOrdinaryMessages() {
        assertThat(CsatReply.parse(Content.text("6"))).isEmpty();
        assertThat(CsatReply.parse(Content.text("12 items missing"))).isEmpty();
        assertThat(CsatReply.parse(Content.text("where is my order?"))).isEmpty();
    }
}
