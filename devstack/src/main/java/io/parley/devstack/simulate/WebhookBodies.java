package io.parley.devstack.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.devstack.up.DemoAccounts;
import io.parley.events.Channel;
import io.parley.testkit.webhook.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * A customer's text message as each channel delivers it to Parley: the webhook bodies Meta documents for the WhatsApp
 * Cloud API, Messenger and Instagram messaging (signed like Meta signs them, {@code X-Hub-Signature-256} over the exact
 * bytes, with the demo accounts' development app secrets) and the API channel's post (bearer token).
 */
public final class WebhookBodies {

    /** A request to send to the platform: the path under its base URL, headers and the exact body bytes. */
    public record Webhook(String path, Map<String, String> headers, byte[] body) {
    }

    /** The WhatsApp Business Account of the demo number (Meta names it in {@code entry.id}). */
    static final String WHATSAPP_BUSINESS_ACCOUNT = "102290129340398";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookBodies() {
    }

    public static Webhook text(Channel channel, String userId, String name, String messageId, String text, Instant at) {
        return switch (channel) {
            case WHATSAPP -> signed(channel, whatsapp(userId, name, messageId, text, at));
            case MESSENGER -> signed(channel, messaging("page", DemoAccounts.MESSENGER.accountId(), userId, messageId,
                    text, at));
            case INSTAGRAM -> signed(channel, messaging("instagram", DemoAccounts.INSTAGRAM.accountId(), userId,
                    messageId, text, at));
            case API -> new Webhook("/webhooks/api/" + DemoAccounts.API_CHANNEL,
                    Map.of("Authorization", "Bearer " + DemoAccounts.API_BEARER_TOKEN,
                            "Content-Type", "application/json"), api(userId, name, messageId, text, at));
            case WEB -> throw new IllegalArgumentException("the web widget's visitors are not simulated");
        };
    }

    private static Webhook signed(Channel channel, byte[] body) {
        return new Webhook("/webhooks/" + channel.wireName(), Map.of(WebhookSigner.HEADER,
                WebhookSigner.sign(body, DemoAccounts.meta(channel).appSecret()), "Content-Type", "application/json"),
                body);
    }

    static byte[] whatsapp(String userId, String name, String messageId, String text, Instant at) {
        ObjectNode root = JSON.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode change = root.putArray("entry").addObject().put("id", WHATSAPP_BUSINESS_ACCOUNT)
                .putArray("changes").addObject();
        ObjectNode value = change.putObject("value").put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", DemoAccounts.WHATSAPP.accountId())
                .put("phone_number_id", DemoAccounts.WHATSAPP.accountId());
        value.putArray("contacts").addObject().put("wa_id", userId).putObject("profile").put("name", name);
        ObjectNode message = value.putArray("messages").addObject().put("from", userId).put("id", messageId)
                .put("timestamp", Long.toString(at.getEpochSecond())).put("type", "text");
        message.putObject("text").put("body", text);
        change.put("field", "messages");
        return bytes(root);
    }

    static byte[] messaging(String object, String accountId, String userId, String messageId, String text, Instant at) {
        ObjectNode root = JSON.createObjectNode().put("object", object);
        ObjectNode entry = root.putArray("entry").addObject().put("id", accountId).put("time", at.toEpochMilli());
        ObjectNode item = entry.putArray("messaging").addObject();
        item.putObject("sender").put("id", userId);
        item.putObject("recipient").put("id", accountId);
        item.put("timestamp", at.toEpochMilli());
        item.putObject("message").put("mid", messageId).put("text", text);
        return bytes(root);
    }

    static byte[] api(String userId, String name, String messageId, String text, Instant at) {
        ObjectNode root = JSON.createObjectNode().put("messageId", messageId);
        root.putObject("user").put("id", userId).put("name", name);
        root.put("text", text).put("timestamp", at.toString());
        return bytes(root);
    }

    private static byte[] bytes(ObjectNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
