package io.parley.ingest.whatsapp;

import static io.parley.ingest.normalize.Json.at;
import static io.parley.ingest.normalize.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.events.conversation.Content;
import io.parley.ingest.normalize.Json;
import java.util.ArrayList;
import java.util.List;

/** The {@link Content} of one WhatsApp Cloud API message object, whatever its {@code type}. */
final class WhatsAppContent {

    private WhatsAppContent() {
    }

    static Content of(JsonNode message) {
        String type = text(message, "type");
        Content.Builder content = builderFor(type == null ? "" : type, message);
        JsonNode context = message.path("context");
        if (Json.isTrue(context, "forwarded") || Json.isTrue(context, "frequently_forwarded")) {
            content.forwarded(true);
        }
        return content.build();
    }

    private static Content.Builder builderFor(String type, JsonNode message) {
        return switch (type) {
            case "text" -> Content.builder(Content.TEXT).text(text(message, "text", "body"));
            case "image", "video", "document", "sticker" -> media(type, message.path(type));
            case "audio" -> media(Json.isTrue(message, "audio", "voice") ? "voice" : "audio", message.path("audio"));
            case "voice" -> media("voice", message.path("voice"));
            case "location" -> location(message.path("location"));
            case "contacts" -> Content.builder(Content.CONTACTS).contacts(contacts(message.path("contacts")));
            case "reaction" -> Content.builder(Content.REACTION)
                    .emoji(text(message, "reaction", "emoji"))
                    .reactedTo(text(message, "reaction", "message_id"));
            case "interactive" -> interactive(message.path("interactive"));
            case "button" -> Content.builder(Content.BUTTON)
                    .text(text(message, "button", "text"))
                    .replyTitle(text(message, "button", "text"))
                    .payload(text(message, "button", "payload"));
            case "order" -> order(message.path("order"));
            case "unsupported", "unknown" -> unsupported(message, "WhatsApp could not show this message to the API");
            default -> unsupported(message, "WhatsApp message type '" + type + "' is not supported by Parley yet");
        };
    }

    private static Content.Builder media(String kind, JsonNode media) {
        return Content.builder(kind)
                .mediaId(text(media, "id"))
                .url(text(media, "url"))
                .mimeType(text(media, "mime_type"))
                .sha256(text(media, "sha256"))
                .caption(text(media, "caption"))
                .filename(text(media, "filename"))
                .animated(media.has("animated") ? media.get("animated").asBoolean() : null);
    }

    private static Content.Builder location(JsonNode location) {
        return Content.builder(Content.LOCATION)
                .latitude(Json.number(location, "latitude"))
                .longitude(Json.number(location, "longitude"))
                .name(text(location, "name"))
                .address(text(location, "address"))
                .url(text(location, "url"));
    }

    private static List<Content.SharedContact> contacts(JsonNode contacts) {
        List<Content.SharedContact> result = new ArrayList<>();
        for (JsonNode contact : contacts) {
            String name = text(contact, "name", "formatted_name");
            result.add(new Content.SharedContact(name != null ? name : text(contact, "name", "first_name"),
                    Json.texts(contact.path("phones"), "phone"), Json.texts(contact.path("emails"), "email")));
        }
        return result;
    }

    private static Content.Builder interactive(JsonNode interactive) {
        String type = text(interactive, "type");
        if ("button_reply".equals(type) || "list_reply".equals(type)) {
            JsonNode reply = interactive.path(type);
            return Content.builder(Content.INTERACTIVE)
                    .replyId(text(reply, "id"))
                    .replyTitle(text(reply, "title"))
                    .text(text(reply, "title"));
        }
        if ("nfm_reply".equals(type)) {
            JsonNode reply = interactive.path("nfm_reply");
            return Content.builder(Content.INTERACTIVE)
                    .replyId(text(reply, "name"))
                    .text(text(reply, "body"))
                    .payload(text(reply, "response_json"));
        }
        return Content.builder(Content.UNSUPPORTED).error("WhatsApp interactive reply type '" + type + "' is unknown");
    }

    private static Content.Builder order(JsonNode order) {
        List<Content.OrderItem> items = new ArrayList<>();
        for (JsonNode item : order.path("product_items")) {
            Integer quantity = Json.integer(item, "quantity");
            items.add(new Content.OrderItem(text(item, "product_retailer_id"), quantity == null ? 1 : quantity,
                    Json.number(item, "item_price"), text(item, "currency")));
        }
        return Content.builder(Content.ORDER)
                .text(text(order, "text"))
                .order(new Content.Order(text(order, "catalog_id"), text(order, "text"), items));
    }

    private static Content.Builder unsupported(JsonNode message, String fallback) {
        JsonNode error = at(message, "errors").path(0);
        String title = text(error, "title");
        String details = text(error, "error_data", "details");
        String code = text(error, "code");
        String description = title == null ? fallback
                : (code == null ? "" : code + " ") + title + (details == null ? "" : ": " + details);
        return Content.builder(Content.UNSUPPORTED).error(description);
    }
}
