package io.parley.ticket.visitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent.Assigned;
import io.parley.events.conversation.ConversationEvent.AuthorKind;
import io.parley.events.conversation.ConversationEvent.CsatReceived;
import io.parley.events.conversation.ConversationEvent.CsatRequested;
import io.parley.events.conversation.ConversationEvent.DeliveryOutcome;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.MessageDelivery;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.conversation.ConversationEvent.Queued;
import io.parley.events.conversation.ConversationEvent.TicketCreated;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * What a visitor may see of their conversation, as the widget reads it: messages (their own, the bot's, agents' and
 * system messages, never notes or internal events), delivery, and a few facts about who answers. The same shapes come
 * from the history (projection rows) and the live stream (events), so the widget merges them by message id: the
 * visitor's own messages by the id the widget gave them ({@code channelMessageId}), the others by message id.
 */
public final class VisitorViews {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private VisitorViews() {
    }

    /** One message; {@code content} is the event's content JSON (kind, text, options, url, caption…). */
    public static ObjectNode message(String id, String from, JsonNode content, String status, Instant at) {
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("from", from);
        message.set("content", content == null ? JSON.createObjectNode() : content);
        if (status != null) {
            message.put("status", status);
        }
        if (at != null) {
            message.put("at", at.toString());
        }
        return message;
    }

    /** Who wrote a message, as the visitor sees it: themselves, the bot, an agent, or the system. */
    public static String from(String direction, String authorKind) {
        if ("inbound".equals(direction)) {
            return "visitor";
        }
        return authorKind == null ? "system" : authorKind.toLowerCase(Locale.ROOT);
    }

    /** An outbound message's delivery as the visitor's widget shows it. */
    public static String delivery(String outcome) {
        if (outcome == null) {
            return "sent";
        }
        return "accepted".equals(outcome) ? "delivered" : "failed";
    }

    /** The live update an event makes in the widget, if it shows the visitor anything. */
    public static Optional<ObjectNode> update(Event event) {
        ObjectNode update = JSON.createObjectNode();
        if (event.data() instanceof MessageReceived received) {
            update.put("type", "message");
            update.set("message", message(received.channelMessageId(), "visitor", JSON.valueToTree(received.content()),
                    "sent", received.receivedAt() != null ? received.receivedAt() : event.time()));
        } else if (event.data() instanceof MessageOutbound outbound) {
            if (outbound.author() != null && outbound.author().kind() == AuthorKind.EXTERNAL) {
                return Optional.empty();
            }
            update.put("type", "message");
            update.set("message", message(outbound.messageId(), from("outbound", outbound.author() == null ? null
                    : outbound.author().kind().name()), JSON.valueToTree(outbound.content()), "sent", event.time()));
        } else if (event.data() instanceof MessageDelivery delivery) {
            update.put("type", "delivery");
            update.put("id", delivery.messageId());
            update.put("status", delivery.outcome() == DeliveryOutcome.ACCEPTED ? "delivered" : "failed");
        } else if (event.data() instanceof HandoffRequested || event.data() instanceof Queued) {
            update.put("type", "handoff");
            update.put("state", "waiting");
        } else if (event.data() instanceof Assigned) {
            update.put("type", "handoff");
            update.put("state", "assigned");
        } else if (event.data() instanceof TicketCreated) {
            update.put("type", "ticket");
        } else if (event.data() instanceof CsatRequested) {
            update.put("type", "csat");
            update.put("pending", true);
        } else if (event.data() instanceof CsatReceived) {
            update.put("type", "csat");
            update.put("pending", false);
        } else {
            return Optional.empty();
        }
        return Optional.of(update);
    }
}
