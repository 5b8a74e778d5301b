package io.parley.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.ids.EventIds;
import io.parley.events.web.VisitorToken;
import io.parley.ingest.web.WebIntake.LeftMessage;
import io.parley.ingest.web.WebIntake.PageContext;
import io.parley.ingest.web.WebIntake.Post;
import io.parley.ingest.web.WebIntake.Reply;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebIntakeTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final VisitorToken ANA = new VisitorToken("acme", "shop", "v-42", NOW);
    private static final PageContext CART = new PageContext("https://shop.example/cart", "es-ES");
    private final WebIntake intake = new WebIntake(100);

    @Test
    void a_message_carries_the_page_and_locale_and_keeps_the_widgets_id() {
        List<Event> events = intake.message(ANA, new Post("v-42.c1", "¿Dónde está mi pedido?", null, CART), NOW);

        Event event = events.get(0);
        MessageReceived received = (MessageReceived) event.data();
        assertThat(event.subject()).isEqualTo("web:shop:v-42");
        assertThat(event.tenant()).isEqualTo("acme");
        assertThat(event.id()).isEqualTo(EventIds.forChannelMessage(Channel.WEB, "v-42.c1"));
        assertThat(received.channel()).isEqualTo(Channel.WEB);
        assertThat(received.channelMessageId()).isEqualTo("v-42.c1");
        assertThat(received.context().pageUrl()).isEqualTo("https://shop.example/cart");
        assertThat(received.context().locale()).isEqualTo("es-ES");
    }

    @Test
    void a_clicked_option_is_an_interactive_reply_the_bot_reads_like_a_channel_button() {
        MessageReceived received = (MessageReceived) intake.message(ANA,
                new Post("v-42.c2", null, new Reply("no", "No"), CART), NOW).get(0).data();

        assertThat(received.content().kind()).isEqualTo("interactive");
        assertThat(received.content().replyId()).isEqualTo("no");
        assertThat(received.content().replyTitle()).isEqualTo("No");
    }

    @Test
    void posts_are_refused_with_every_problem_named() {
        assertThat(intake.problems(ANA, new Post("v-7.c1", "hi", null, null))).singleElement().asString()
                .contains("your visitor id");
        assertThat(intake.problems(ANA, new Post("v-42.c1", null, null, null))).singleElement().asString()
                .contains("either \"text\" or");
        assertThat(intake.problems(ANA, new Post("v-42.c1", "x".repeat(101), null, null))).singleElement()
                .asString().contains("101 characters; at most 100");
        assertThat(intake.problems(ANA, new Post("v-42.c1", "hi", null, CART))).isEmpty();
    }

    @Test
    void a_left_message_needs_a_way_back_and_asks_for_a_ticket() {
        assertThat(intake.problems(ANA, new LeftMessage("v-42.c3", "Call me", null, null, null, CART)))
                .singleElement().asString().contains("\"email\" or a \"phone\"");
        assertThat(intake.problems(ANA, new LeftMessage("v-42.c3", "Call me", null, "not-mail", null, CART)))
                .singleElement().asString().contains("not an e-mail address");

        List<Event> events = intake.leaveMessage(ANA, new LeftMessage("v-42.c3", "Necesito cambiar la talla", "Ana",
                "ana@example.com", null, CART), NOW);

        assertThat(events).hasSize(2);
        HandoffRequested handoff = (HandoffRequested) events.get(1).data();
        assertThat(handoff.reason()).isEqualTo("leave-message");
        assertThat(handoff.summary()).contains("e-mail ana@example.com").contains("Necesito cambiar la talla");
        assertThat(handoff.language()).isEqualTo("es");
        assertThat(events.get(1).causationId()).isEqualTo(events.get(0).id());
        assertThat(((MessageReceived) events.get(0).data()).contact().name()).isEqualTo("Ana");
    }
}
