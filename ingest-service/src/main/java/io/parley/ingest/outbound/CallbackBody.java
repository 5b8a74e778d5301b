package io.parley.ingest.outbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.envelope.EventCodec;
import io.parley.events.ids.ConversationId;

/**
 * What an API channel's callback receives:
 * {@code {"messageId":…,"conversationId":"api:<channel>:<user>","userId":…,"author":{…},"content":{…},"replyTo":…}}.
 */
final class CallbackBody {

    private CallbackBody() {
    }

    static String of(ConversationId conversation, MessageOutbound message) {
        ObjectNode body = EventCodec.mapper().createObjectNode()
                .put("messageId", message.messageId())
                .put("conversationId", conversation.toString())
                .put("userId", conversation.user());
        body.set("author", EventCodec.mapper().valueToTree(message.author()));
        body.set("content", EventCodec.mapper().valueToTree(message.content()));
        if (message.replyToChannelMessageId() != null) {
            body.put("replyTo", message.replyToChannelMessageId());
        }
        return body.toString();
    }
}
