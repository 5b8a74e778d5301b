package io.parley.ticket.support;

import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent;
import io.parley.events.conversation.ConversationEvent.Contact;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.ids.ConversationId;
import io.parley.events.ids.EventIds;
import java.time.Instant;
import java.util.UUID;

/** Builds events as the other services would write them. */
public final class Events {

    private Events() {
    }

    public static String whatsappConversation() {
        return ConversationId.whatsapp("1122334455", "9725" + UUID.randomUUID().toString().substring(0, 8)).toString();
    }

    public static Event customerMessage(String conversationId, String tenant, String text, Instant at) {
        return customerMessage(conversationId, tenant, Content.text(text), at);
    }

    public static Event customerMessage(String conversationId, String tenant, Content content, Instant at) {
        ConversationId id = ConversationId.parse(conversationId);
        String channelMessageId = "wamid." + UUID.randomUUID();
        return new Event(EventIds.forChannelMessage(id.channel(), channelMessageId), "/ingest/whatsapp",
                conversationId, at, tenant, null,
                new MessageReceived(Channel.WHATSAPP, id.account(), channelMessageId,
                        new Contact(id.user(), "Dana Levi", "+" + id.user()), content, null, null, null, at));
    }

    public static Event of(String conversationId, String tenant, Instant at, ConversationEvent data) {
        return new Event(UUID.randomUUID().toString(), "/test", conversationId, at, tenant, null, data);
    }
}
