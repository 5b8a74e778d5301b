package io.parley.ticket.visitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.EventData;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.Author;
import io.parley.events.conversation.ConversationEvent.AuthorKind;
import io.parley.events.conversation.ConversationEvent.Contact;
import io.parley.events.conversation.ConversationEvent.DeliveryOutcome;
import io.parley.events.conversation.ConversationEvent.MessageDelivery;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.conversation.ConversationEvent.NoteAdded;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VisitorViewsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void the_visitors_own_message_keeps_the_id_the_widget_gave_it() {
        var update = VisitorViews.update(event(new MessageReceived(Channel.WEB, "shop", "c-1",
                new Contact("v-1", null, null), Content.text("<img src=x onerror=alert(1)>"), null, null, null, NOW)))
                .orElseThrow();

        assertThat(update.path("type").asText()).isEqualTo("message");
        assertThat(update.path("message").path("id").asText()).isEqualTo("c-1");
        assertThat(update.path("message").path("from").asText()).isEqualTo("visitor");
        assertThat(update.path("message").path("content").path("text").asText())
                .isEqualTo("<img src=x onerror=alert(1)>");
    }

    @Test
    void bot_menus_keep_their_options_and_deliveries_update_the_message() {
        var menu = VisitorViews.update(event(new MessageOutbound("m-1", new Author(AuthorKind.BOT, null),
                Content.menu("¿Se resolvió?", List.of(new Content.Option("yes", "Sí", null),
                        new Content.Option("no", "No", null))), null, null))).orElseThrow();
        var delivery = VisitorViews.update(event(new MessageDelivery("m-1", DeliveryOutcome.ACCEPTED, "m-1", null)))
                .orElseThrow();

        assertThat(menu.path("message").path("from").asText()).isEqualTo("bot");
        assertThat(menu.path("message").path("content").path("options").path(1).path("title").asText())
                .isEqualTo("No");
        assertThat(delivery.path("type").asText()).isEqualTo("delivery");
        assertThat(delivery.path("status").asText()).isEqualTo("delivered");
    }

    @Test
    void private_notes_and_channel_echoes_never_reach_the_visitor() {
        assertThat(VisitorViews.update(event(new NoteAdded("n-1", "VIP, be nice", "ada")))).isEmpty();
        assertThat(VisitorViews.update(event(new MessageOutbound("m-2", new Author(AuthorKind.EXTERNAL, null),
                Content.text("echo"), null, "x")))).isEmpty();
    }

    private static Event event(EventData data) {
        return new Event("e-" + data.hashCode(), "/test", "web:shop:v-1", NOW, "acme", null, data);
    }
}
