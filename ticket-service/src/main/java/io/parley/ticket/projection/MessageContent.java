package io.parley.ticket.projection;

import io.parley.events.conversation.Content;

/** The columns of a message that come from its {@link Content}. */
final class MessageContent {

    private MessageContent() {
    }

    static void fill(MessageRow message, Content content) {
        if (content == null) {
            return;
        }
        message.kind = content.kind();
        message.text = content.readableText();
        message.content = StateJson.json(content);
    }
}
