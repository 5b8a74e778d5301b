package io.parley.ingest.messaging;

import static io.parley.ingest.normalize.Json.firstOf;
import static io.parley.ingest.normalize.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.events.Channel;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.Author;
import io.parley.events.conversation.ConversationEvent.AuthorKind;
import io.parley.events.conversation.ConversationEvent.Contact;
import io.parley.events.conversation.ConversationEvent.DeliveryStatus;
import io.parley.events.conversation.ConversationEvent.MessageDeleted;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Messenger Platform webhooks, shared by Messenger ({@code object = page}) and Instagram messaging
 * ({@code object = instagram}): {@code entry[].messaging[]} items of message, echo, postback, delivery, read,
 * reaction and referral. The conversation account is the entry id (Page id or Instagram account id), the user the
 * other party's PSID/IGSID.
 */
public final class MessagingNormalizer implements ChannelNormalizer {

    /** Prefix of the Send API {@code metadata} Parley sets, so that echoes of its own sends are recognised. */
    public static final String OWN_METADATA_PREFIX = "parley:";

    private final Channel channel;
    private final String object;

    private MessagingNormalizer(Channel channel, String object) {
        this.channel = channel;
        this.object = object;
    }

    public static MessagingNormalizer messenger() {
        return new MessagingNormalizer(Channel.MESSENGER, "page");
    }

    public static MessagingNormalizer instagram() {
        return new MessagingNormalizer(Channel.INSTAGRAM, "instagram");
    }

    @Override
    public void normalize(JsonNode body, EventCollector out) {
        String actual = text(body, "object");
        if (!object.equals(actual)) {
            out.unhandled(Unhandled.UNKNOWN_OBJECT, channel.wireName() + " webhook object '" + actual + "'");
            return;
        }
        for (JsonNode entry : body.path("entry")) {
            String account = text(entry, "id");
            for (JsonNode messaging : entry.path("messaging")) {
                out.part(channel.wireName() + " messaging item of " + account, () -> item(account, messaging, out));
            }
            for (JsonNode change : entry.path("changes")) {
                out.unhandled(Unhandled.UNKNOWN_FIELD, channel.wireName() + " field '" + text(change, "field") + "'");
            }
            if (entry.has("standby")) {
                out.unhandled(Unhandled.UNKNOWN_FIELD, channel.wireName() + " standby (handover protocol)");
            }
        }
    }

    private void item(String account, JsonNode item, EventCollector out) {
        String sender = text(item, "sender", "id");
        String recipient = text(item, "recipient", "id");
        if (account == null || sender == null || recipient == null || !item.path("timestamp").isNumber()) {
            out.unhandled(Unhandled.MALFORMED, channel.wireName() + " messaging item without entry id, sender, "
                    + "recipient or timestamp");
            return;
        }
        Instant time = Json.epochMillis(item.path("timestamp"));
        JsonNode message = item.path("message");
        if (Json.isTrue(message, "is_echo")) {
            echo(new ConversationId(channel, account, recipient), message, time, out);
            return;
        }
        ConversationId subject = new ConversationId(channel, account, sender);
        if (!message.isMissingNode()) {
            message(subject, message, item.path("referral"), time, out);
        } else if (item.has("postback")) {
            postback(subject, item.path("postback"), item, time, out);
        } else if (item.has("delivery")) {
            for (JsonNode mid : item.path("delivery").path("mids")) {
                status(subject, mid.asText(), DeliveryStatus.DELIVERED, time, out);
            }
        } else if (item.has("read")) {
            read(subject, item.path("read"), time, out);
        } else if (item.has("reaction")) {
            reaction(subject, item.path("reaction"), item, time, out);
        } else if (item.has("referral")) {
            String id = EventIds.forChannelMessage(channel, "referral:" + sender + ":" + item.path("timestamp").asText());
            out.add(subject, id, time, received(subject, null,
                    Content.builder("referral").payload(text(item, "referral", "ref")).build(),
                    null, referral(item.path("referral")), time));
        } else {
            out.unhandled(Unhandled.UNKNOWN_EVENT, channel.wireName() + " messaging item with " + Json.fieldNames(item));
        }
    }

    private void message(ConversationId subject, JsonNode message, JsonNode itemReferral, Instant time,
                         EventCollector out) {
        String mid = text(message, "mid");
        if (mid == null) {
            out.unhandled(Unhandled.MALFORMED, channel.wireName() + " message without mid");
            return;
        }
        if (Json.isTrue(message, "is_deleted")) {
            out.add(subject, EventIds.forChannelStatus(channel, mid, "deleted"), time, new MessageDeleted(mid));
            return;
        }
        String replyTo = text(message, "reply_to", "mid");
        Referral referral = storyOrAdReferral(message, itemReferral);
        int part = 0;
        for (Content content : contents(message)) {
            // one event per attachment: the first keeps the channel's id, later ones get "#n" appended
            String partMid = part == 0 ? mid : mid + "#" + part;
            out.add(subject, EventIds.forChannelMessage(channel, partMid), time, received(subject, partMid, content, replyTo, referral, time));
            part++;
        }
    }

    private List<Content> contents(JsonNode message) {
        List<Content> contents = new ArrayList<>();
        String text = text(message, "text");
        if (Json.isTrue(message, "is_unsupported")) {
            contents.add(Content.unsupported(channel.wireName() + " could not show this message to the API"));
        } else if (message.has("quick_reply")) {
            contents.add(Content.builder(Content.INTERACTIVE).text(text).replyTitle(text)
                    .replyId(text(message, "quick_reply", "payload")).build());
        } else if (text != null) {
            contents.add(Content.text(text));
        }
        for (JsonNode attachment : message.path("attachments")) {
            contents.add(MessagingAttachments.of(attachment).build());
        }
        if (contents.isEmpty()) {
            contents.add(Content.unsupported(channel.wireName() + " message with neither text nor attachments"));
        }
        return contents;
    }

    private Referral storyOrAdReferral(JsonNode message, JsonNode itemReferral) {
        JsonNode story = message.path("reply_to").path("story");
        if (!story.isMissingNode()) {
            return new Referral(channel.wireName(), "story_reply", text(story, "id"), text(story, "url"),
                    null, null, null);
        }
        JsonNode referral = message.has("referral") ? message.path("referral") : itemReferral;
        return referral(referral);
    }

    private static Referral referral(JsonNode referral) {
        if (referral.isMissingNode()) {
            return null;
        }
        JsonNode ad = referral.path("ads_context_data");
        return new Referral(text(referral, "source"), text(referral, "type"),
                firstOf(text(referral, "ad_id"), text(ad, "post_id")),
                firstOf(text(referral, "referer_uri"), text(ad, "photo_url")),
                text(ad, "ad_title"), null, text(referral, "ref"));
    }

    private void postback(ConversationId subject, JsonNode postback, JsonNode item, Instant time,
                          EventCollector out) {
        String mid = text(postback, "mid");
        String id = EventIds.forChannelMessage(channel,
                mid != null ? mid : "postback:" + subject.user() + ":" + item.path("timestamp").asText());
        Content content = Content.builder(Content.POSTBACK).text(text(postback, "title"))
                .replyTitle(text(postback, "title")).replyId(text(postback, "payload"))
                .payload(text(postback, "payload")).build();
        out.add(subject, id, time, received(subject, mid, content, null, referral(postback.path("referral")), time));
    }

    private void read(ConversationId subject, JsonNode read, Instant time, EventCollector out) {
        String mid = text(read, "mid");
        if (mid != null) {
            status(subject, mid, DeliveryStatus.READ, time, out);
            return;
        }
        // Messenger reads carry only a watermark: everything sent before it was read
        String watermark = read.path("watermark").asText();
        out.add(subject, EventIds.forChannelStatus(channel, "watermark:" + subject + ":" + watermark, "read"), time,
                new MessageStatus(null, DeliveryStatus.READ, null));
    }

    private void status(ConversationId subject, String mid, DeliveryStatus status, Instant time, EventCollector out) {
        String wire = status.name().toLowerCase(Locale.ROOT);
        out.add(subject, EventIds.forChannelStatus(channel, mid, wire), time, new MessageStatus(mid, status, null));
    }

    private void reaction(ConversationId subject, JsonNode reaction, JsonNode item, Instant time,
                          EventCollector out) {
        String mid = text(reaction, "mid");
        String action = firstOf(text(reaction, "action"), "react");
        String id = EventIds.forChannelMessage(channel, "reaction:" + mid + ":" + subject.user() + ":" + action
                + ":" + item.path("timestamp").asText());
        String emoji = "unreact".equals(action) ? null : firstOf(text(reaction, "emoji"), text(reaction, "reaction"));
        Content content = Content.builder(Content.REACTION).emoji(emoji).reactedTo(mid).build();
        out.add(subject, id, time, received(subject, null, content, null, null, time));
    }

    private void echo(ConversationId subject, JsonNode message, Instant time, EventCollector out) {
        String mid = text(message, "mid");
        String metadata = text(message, "metadata");
        if (metadata != null && metadata.startsWith(OWN_METADATA_PREFIX)) {
            out.unhandled(Unhandled.OWN_ECHO, channel.wireName() + " echo of " + metadata);
            return;
        }
        if (mid == null) {
            out.unhandled(Unhandled.MALFORMED, channel.wireName() + " echo without mid");
            return;
        }
        String eventId = EventIds.forChannelMessage(channel, mid);
        Content content = contents(message).get(0);
        out.add(subject, eventId, time, new MessageOutbound(eventId, new Author(AuthorKind.EXTERNAL,
                text(message, "app_id")), content, text(message, "reply_to", "mid"), mid));
    }

    private MessageReceived received(ConversationId subject, String mid, Content content, String replyTo,
                                     Referral referral, Instant time) {
        return new MessageReceived(channel, subject.account(), mid, new Contact(subject.user(), null, null), content,
                replyTo, referral, null, time);
    }
}
