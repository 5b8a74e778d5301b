package io.parley.ingest.messaging;

import static io.parley.ingest.normalize.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.events.conversation.Content;
import io.parley.ingest.normalize.Json;

/** The {@link Content} of one Messenger or Instagram attachment. */
final class MessagingAttachments {

    static final String SHARE = "share";
    static final String STORY_MENTION = "story_mention";

    private MessagingAttachments() {
    }

    static Content.Builder of(JsonNode attachment) {
        String type = text(attachment, "type");
        JsonNode payload = attachment.path("payload");
        String url = text(payload, "url");
        if (type == null) {
            return Content.builder(Content.UNSUPPORTED).error("attachment without a type");
        }
        return switch (type) {
            case "image" -> payload.has("sticker_id")
                    ? Content.builder("sticker").url(url).mediaId(text(payload, "sticker_id"))
                    : Content.builder("image").url(url);
            case "video", "audio" -> Content.builder(type).url(url);
            case "file" -> Content.builder("document").url(url).filename(text(attachment, "name"));
            case "location" -> Content.builder(Content.LOCATION)
                    .latitude(Json.number(payload, "coordinates", "lat"))
                    .longitude(Json.number(payload, "coordinates", "long"))
                    .name(text(attachment, "title"))
                    .url(text(attachment, "url"));
            case "share", "ig_reel", "reel", "fallback", "ig_post" -> Content.builder(SHARE)
                    .url(url != null ? url : text(attachment, "url"))
                    .text(Json.firstOf(text(payload, "title"), text(attachment, "title")));
            case STORY_MENTION -> Content.builder(STORY_MENTION).url(url).mediaId(text(payload, "id"));
            default -> Content.builder(Content.UNSUPPORTED).url(url).error("attachment type '" + type + "' is not supported");
        };
    }
}
