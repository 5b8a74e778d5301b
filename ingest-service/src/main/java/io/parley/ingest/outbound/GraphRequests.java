package io.parley.ingest.outbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.events.conversation.Content;
import io.parley.ingest.messaging.MessagingNormalizer;
import java.util.List;
import java.util.Map;

/** Graph API send bodies for a {@link Content}: WhatsApp Cloud API and the Messenger/Instagram Send API. */
public final class GraphRequests {

    static final int WHATSAPP_MAX_BUTTONS = 3;
    static final int MESSENGER_MAX_QUICK_REPLIES = 13;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> MESSENGER_ATTACHMENT_TYPES =
            Map.of("image", "image", "video", "video", "audio", "audio", "voice", "audio", "document", "file",
                    "sticker", "image");

    private GraphRequests() {
    }

    /** A content kind this channel cannot send; a permanent failure. */
    public static class UnsendableException extends RuntimeException {
        public UnsendableException(String message) {
            super(message);
        }
    }

    /** The Cloud API's limit on {@code biz_opaque_callback_data}. */
    static final int WHATSAPP_CALLBACK_DATA_MAX = 512;

    /**
     * A Cloud API body. {@code biz_opaque_callback_data} carries Parley's message id: Meta hands it back in the send's
     * status webhooks, and whoever sees the send (a test's fake Graph API, the load simulator) can tell two sends of
     * one message from two messages with the same text. Meta refuses the whole send when the field is longer than
     * {@link #WHATSAPP_CALLBACK_DATA_MAX} characters, so a longer id (an agent client's own) is left out instead.
     */
    public static ObjectNode whatsapp(String to, Content content, String replyTo, String messageId) {
        ObjectNode body = MAPPER.createObjectNode()
                .put("messaging_product", "whatsapp")
                .put("recipient_type", "individual")
                .put("to", to);
        if (messageId.length() <= WHATSAPP_CALLBACK_DATA_MAX) {
            body.put("biz_opaque_callback_data", messageId);
        }
        if (replyTo != null) {
            body.putObject("context").put("message_id", replyTo);
        }
        String kind = content.kind();
        if (content.isMedia()) {
            String type = kind.equals("voice") ? "audio" : kind;
            ObjectNode media = body.put("type", type).putObject(type);
            putMediaSource(media, content, "id", "link");
            if (content.caption() != null && !type.equals("audio") && !type.equals("sticker")) {
                media.put("caption", content.caption());
            }
            if (content.filename() != null && type.equals("document")) {
                media.put("filename", content.filename());
            }
            return body;
        }
        switch (kind) {
            case Content.TEXT -> body.put("type", "text").putObject("text")
                    .put("body", content.text()).put("preview_url", false);
            case Content.INTERACTIVE -> body.put("type", "interactive").set("interactive", whatsappMenu(content));
            case Content.TEMPLATE -> body.put("type", "template").set("template", whatsappTemplate(content.template()));
            case Content.LOCATION -> body.put("type", "location").putObject("location")
                    .put("latitude", content.latitude()).put("longitude", content.longitude())
                    .put("name", content.name()).put("address", content.address());
            case Content.REACTION -> body.put("type", "reaction").putObject("reaction")
                    .put("message_id", content.reactedTo()).put("emoji", content.emoji() == null ? "" : content.emoji());
            default -> throw new UnsendableException("content kind '" + kind + "' cannot be sent on WhatsApp");
        }
        return body;
    }

    /** Up to three options as reply buttons, more as a list. */
    private static ObjectNode whatsappMenu(Content content) {
        List<Content.Option> options = content.options() == null ? List.of() : content.options();
        if (options.isEmpty()) {
            throw new UnsendableException("an interactive message needs at least one option");
        }
        ObjectNode interactive = MAPPER.createObjectNode();
        interactive.putObject("body").put("text", content.text() == null ? "" : content.text());
        if (options.size() <= WHATSAPP_MAX_BUTTONS) {
            ArrayNode buttons = interactive.put("type", "button").putObject("action").putArray("buttons");
            options.forEach(option -> buttons.addObject().put("type", "reply").putObject("reply")
                    .put("id", option.id()).put("title", option.title()));
        } else {
            ObjectNode action = interactive.put("type", "list").putObject("action");
            action.put("button", "Options");
            ArrayNode rows = action.putArray("sections").addObject().putArray("rows");
            options.forEach(option -> {
                ObjectNode row = rows.addObject().put("id", option.id()).put("title", option.title());
                if (option.description() != null) {
                    row.put("description", option.description());
                }
            });
        }
        return interactive;
    }

    private static ObjectNode whatsappTemplate(Content.Template template) {
        if (template == null || template.name() == null) {
            throw new UnsendableException("a template message needs template.name");
        }
        ObjectNode node = MAPPER.createObjectNode().put("name", template.name());
        node.putObject("language").put("code", template.language() == null ? "en" : template.language());
        if (!template.parameters().isEmpty()) {
            ArrayNode parameters = node.putArray("components").addObject().put("type", "body").putArray("parameters");
            template.parameters().forEach(p -> parameters.addObject().put("type", "text").put("text", p));
        }
        return node;
    }

    /**
     * A Send API body for Messenger or Instagram. {@code metadata} comes back in the echo, which is how the
     * normaliser recognises Parley's own sends.
     */
    public static ObjectNode messaging(String recipient, Content content, String messageId, boolean humanAgentTag) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("recipient").put("id", recipient);
        if (humanAgentTag) {
            body.put("messaging_type", "MESSAGE_TAG").put("tag", "HUMAN_AGENT");
        } else {
            body.put("messaging_type", "RESPONSE");
        }
        ObjectNode message = body.putObject("message");
        if (content.isMedia()) {
            ObjectNode attachment = message.putObject("attachment")
                    .put("type", MESSENGER_ATTACHMENT_TYPES.get(content.kind()));
            ObjectNode payload = attachment.putObject("payload");
            putMediaSource(payload, content, "attachment_id", "url");
            if (content.url() != null) {
                payload.put("is_reusable", true);
            }
        } else if (Content.TEXT.equals(content.kind())) {
            message.put("text", content.text());
        } else if (Content.INTERACTIVE.equals(content.kind()) && content.options() != null
                && !content.options().isEmpty() && content.options().size() <= MESSENGER_MAX_QUICK_REPLIES) {
            message.put("text", content.text() == null ? "" : content.text());
            ArrayNode replies = message.putArray("quick_replies");
            content.options().forEach(option -> replies.addObject().put("content_type", "text")
                    .put("title", option.title()).put("payload", option.id()));
        } else {
            throw new UnsendableException("content kind '" + content.kind() + "' cannot be sent on Messenger/Instagram");
        }
        message.put("metadata", MessagingNormalizer.OWN_METADATA_PREFIX + messageId);
        return body;
    }

    private static void putMediaSource(ObjectNode node, Content content, String idField, String linkField) {
        if (content.mediaId() != null) {
            node.put(idField, content.mediaId());
        } else if (content.url() != null) {
            node.put(linkField, content.url());
        } else {
            throw new UnsendableException(content.kind() + " message needs a mediaId or a url");
        }
    }
}
