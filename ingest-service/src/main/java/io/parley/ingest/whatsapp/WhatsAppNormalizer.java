package io.parley.ingest.whatsapp;

import static io.parley.ingest.normalize.Json.firstOf;
import static io.parley.ingest.normalize.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.parley.events.Channel;
import io.parley.events.conversation.ConversationEvent.Author;
import io.parley.events.conversation.ConversationEvent.AuthorKind;
import io.parley.events.conversation.ConversationEvent.ChannelError;
import io.parley.events.conversation.ConversationEvent.Contact;
import io.parley.events.conversation.ConversationEvent.DeliveryStatus;
import io.parley.events.conversation.ConversationEvent.MessageDeleted;
import io.parley.events.conversation.ConversationEvent.MessageEdited;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.conversation.ConversationEvent.MessageStatus;
import io.parley.events.conversation.ConversationEvent.Referral;
import io.parley.events.ids.ConversationId;
import io.parley.events.ids.EventIds;
import io.parley.ingest.normalize.ChannelNormalizer;
import io.parley.ingest.normalize.EventCollector;
import io.parley.ingest.normalize.Json;
import io.parley.ingest.normalize.Unhandled;
import java.time.Instant;
import java.util.Locale;

/**
 * WhatsApp Cloud API webhooks ({@code object = whatsapp_business_account}): the {@code messages} field (customer
 * messages and statuses of ours) and {@code smb_message_echoes} (sent from the WhatsApp Business app).
 * The conversation account is the {@code phone_number_id}; the user is the {@code wa_id}, or the business-scoped
 * {@code user_id} for contacts who hide their number.
 */
public final class WhatsAppNormalizer implements ChannelNormalizer {

    public static final String OBJECT = "whatsapp_business_account";
    private static final Channel CHANNEL = Channel.WHATSAPP;

    @Override
    public void normalize(JsonNode body, EventCollector out) {
        String object = text(body, "object");
        if (!OBJECT.equals(object)) {
            out.unhandled(Unhandled.UNKNOWN_OBJECT, "whatsapp webhook object '" + object + "'");
            return;
        }
        for (JsonNode entry : body.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                String field = text(change, "field");
                JsonNode value = change.path("value");
                if ("messages".equals(field)) {
                    messages(value, out);
                } else if ("smb_message_echoes".equals(field)) {
                    echoes(value, out);
                } else {
                    out.unhandled(Unhandled.UNKNOWN_FIELD, "whatsapp field '" + field + "'");
                }
            }
        }
    }

    private void messages(JsonNode value, EventCollector out) {
        String account = text(value, "metadata", "phone_number_id");
        if (account == null) {
            out.unhandled(Unhandled.MALFORMED, "whatsapp change without metadata.phone_number_id");
            return;
        }
        for (JsonNode message : value.path("messages")) {
            out.part("whatsapp message " + text(message, "id"),
                    () -> message(account, value.path("contacts"), message, out));
        }
        for (JsonNode status : value.path("statuses")) {
            out.part("whatsapp status of message " + text(status, "id"), () -> status(account, status, out));
        }
    }

    private void message(String account, JsonNode contacts, JsonNode message, EventCollector out) {
        String messageId = text(message, "id");
        JsonNode contact = contactOf(message, contacts);
        String user = firstOf(text(message, "from"), text(message, "from_user_id"),
                text(contact, "wa_id"), text(contact, "user_id"));
        if (messageId == null || user == null || text(message, "timestamp") == null) {
            out.unhandled(Unhandled.MALFORMED, "whatsapp message without id, sender or timestamp: " + messageId);
            return;
        }
        ConversationId subject = ConversationId.whatsapp(account, user);
        String eventId = EventIds.forChannelMessage(CHANNEL, messageId);
        Instant time = Json.epochSeconds(text(message, "timestamp"));
        String type = text(message, "type");
        if ("edit".equals(type)) {
            JsonNode edit = message.path("edit");
            out.add(subject, eventId, time, new MessageEdited(
                    originalId(edit), WhatsAppContent.of(edit.path("message"))));
        } else if ("revoke".equals(type) || "delete".equals(type)) {
            out.add(subject, eventId, time, new MessageDeleted(originalId(message.path(type))));
        } else if ("system".equals(type)) {
            out.unhandled(Unhandled.UNKNOWN_EVENT, "whatsapp system message " + text(message, "system", "type"));
        } else {
            out.add(subject, eventId, time, new MessageReceived(CHANNEL, account, messageId,
                    new Contact(user, text(contact, "profile", "name"),
                            firstOf(text(contact, "wa_id"), text(message, "from"))),
                    WhatsAppContent.of(message), replyTo(message), referral(message.path("referral")), null, time));
        }
    }

    private static String originalId(JsonNode node) {
        return firstOf(text(node, "original_message_id"), text(node, "message_id"), text(node, "id"));
    }

    /** The contact card of the sender: matched by wa_id or user_id, else the only one there is. */
    private static JsonNode contactOf(JsonNode message, JsonNode contacts) {
        String from = firstOf(text(message, "from"), text(message, "from_user_id"));
        for (JsonNode contact : contacts) {
            if (from != null && (from.equals(text(contact, "wa_id")) || from.equals(text(contact, "user_id")))) {
                return contact;
            }
        }
        return contacts.size() == 1 ? contacts.get(0) : MissingNode.getInstance();
    }

    /** A reply quotes {@code context.id}; a forwarded message has a context without one. */
    private static String replyTo(JsonNode message) {
        return text(message, "context", "id");
    }

    private static Referral referral(JsonNode referral) {
        if (referral.isMissingNode()) {
            return null;
        }
        return new Referral(firstOf(text(referral, "source_type"), "ad"), text(referral, "media_type"),
                text(referral, "source_id"), text(referral, "source_url"), text(referral, "headline"),
                text(referral, "body"), text(referral, "ctwa_clid"));
    }

    private void status(String account, JsonNode status, EventCollector out) {
        String messageId = text(status, "id");
        String state = text(status, "status");
        String user = firstOf(text(status, "recipient_id"), text(status, "recipient_user_id"));
        DeliveryStatus deliveryStatus = deliveryStatus(state);
        if (messageId == null || user == null || deliveryStatus == null || text(status, "timestamp") == null) {
            out.unhandled(deliveryStatus == null ? Unhandled.UNKNOWN_EVENT : Unhandled.MALFORMED,
                    "whatsapp status '" + state + "' of message " + messageId);
            return;
        }
        JsonNode error = status.path("errors").path(0);
        ChannelError channelError = error.isMissingNode() ? null : new ChannelError(Json.integer(error, "code"),
                text(error, "title"), firstOf(text(error, "error_data", "details"), text(error, "message")));
        out.add(ConversationId.whatsapp(account, user), EventIds.forChannelStatus(CHANNEL, messageId, state),
                Json.epochSeconds(text(status, "timestamp")),
                new MessageStatus(messageId, deliveryStatus, channelError));
    }

    private static DeliveryStatus deliveryStatus(String state) {
        if (state == null) {
            return null;
        }
        return switch (state.toLowerCase(Locale.ROOT)) {
            case "sent" -> DeliveryStatus.SENT;
            case "delivered" -> DeliveryStatus.DELIVERED;
            case "read" -> DeliveryStatus.READ;
            case "failed" -> DeliveryStatus.FAILED;
            default -> null;
        };
    }

    /** Messages the business typed in the WhatsApp Business app (coexistence): outbound, authored outside Parley. */
    private void echoes(JsonNode value, EventCollector out) {
        String account = text(value, "metadata", "phone_number_id");
        for (JsonNode echo : value.path("message_echoes")) {
            out.part("whatsapp echo " + text(echo, "id"), () -> echo(account, echo, out));
        }
    }

    private void echo(String account, JsonNode echo, EventCollector out) {
        String messageId = text(echo, "id");
        String user = firstOf(text(echo, "to"), text(echo, "to_user_id"));
        if (account == null || messageId == null || user == null || text(echo, "timestamp") == null) {
            out.unhandled(Unhandled.MALFORMED, "whatsapp echo without phone number id, id, recipient or timestamp");
            return;
        }
        String eventId = EventIds.forChannelMessage(CHANNEL, messageId);
        out.add(ConversationId.whatsapp(account, user), eventId, Json.epochSeconds(text(echo, "timestamp")),
                new MessageOutbound(eventId, new Author(AuthorKind.EXTERNAL, null), WhatsAppContent.of(echo),
                        replyTo(echo), messageId));
    }
}
