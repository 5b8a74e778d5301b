package io.parley.ingest.api;

import static io.parley.ingest.normalize.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.events.Channel;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.Contact;
import io.parley.events.conversation.ConversationEvent.MessageContext;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.ids.ConversationId;
import io.parley.events.ids.EventIds;
import io.parley.ingest.normalize.EventCollector;
import io.parley.ingest.normalize.InvalidWebhookException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The generic API channel's JSON (documented in the README):
 * <pre>
 * {"messageId":"m-1","user":{"id":"u-42","name":"Ana","phone":"+351…"},"text":"Hello",
 *  "attachments":[{"type":"image","url":"https://…","mimeType":"image/png","filename":"a.png","caption":"…"}],
 *  "replyTo":"m-0","context":{"pageUrl":"https://shop.example/cart","locale":"pt-PT"},
 *  "timestamp":"2026-11-22T10:00:00Z"}
 * </pre>
 * {@code messageId} and {@code user.id} are required; text and each attachment become one event each.
 */
public final class ApiChannelNormalizer {

    private final Clock clock;

    public ApiChannelNormalizer(Clock clock) {
        this.clock = clock;
    }

    public void normalize(String channelId, JsonNode body, EventCollector out) {
        String messageId = text(body, "messageId");
        String user = text(body, "user", "id");
        if (messageId == null || user == null) {
            throw new InvalidWebhookException("API channel message needs \"messageId\" and \"user\":{\"id\"}: "
                    + "they identify the message (retries are deduplicated by it) and the conversation");
        }
        ConversationId subject = ConversationId.api(channelId, user);
        Instant time = time(body);
        Contact contact = new Contact(user, text(body, "user", "name"), text(body, "user", "phone"));
        JsonNode context = body.path("context");
        MessageContext messageContext = context.isMissingNode() ? null
                : new MessageContext(text(context, "pageUrl"), text(context, "locale"));
        int part = 0;
        String text = text(body, "text");
        if (text != null) {
            emit(subject, messageId, part++, Content.text(text), contact, body, messageContext, time, out);
        }
        for (JsonNode attachment : body.path("attachments")) {
            emit(subject, messageId, part++, attachment(attachment), contact, body, messageContext, time, out);
        }
        if (part == 0) {
            throw new InvalidWebhookException("API channel message " + messageId + " has neither text nor attachments");
        }
    }

    private void emit(ConversationId subject, String messageId, int part, Content content, Contact contact,
                      JsonNode body, MessageContext context, Instant time, EventCollector out) {
        String channelMessageId = part == 0 ? messageId : messageId + "#" + part;
        out.add(subject, EventIds.forChannelMessage(Channel.API, channelMessageId), time,
                new MessageReceived(Channel.API, subject.account(), channelMessageId, contact, content,
                        text(body, "replyTo"), null, context, time));
    }

    private static Content attachment(JsonNode attachment) {
        String type = text(attachment, "type");
        if (type == null || !Content.MEDIA_KINDS.contains(type)) {
            throw new InvalidWebhookException("API channel attachment type '" + type + "' is not one of "
                    + Content.MEDIA_KINDS);
        }
        return Content.builder(type).url(text(attachment, "url")).mimeType(text(attachment, "mimeType"))
                .filename(text(attachment, "filename")).caption(text(attachment, "caption")).build();
    }

    private Instant time(JsonNode body) {
        String timestamp = text(body, "timestamp");
        if (timestamp == null) {
            return clock.instant();
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw new InvalidWebhookException("API channel timestamp '" + timestamp + "' is not ISO-8601 like "
                    + "2026-11-22T10:00:00Z", e);
        }
    }
}
