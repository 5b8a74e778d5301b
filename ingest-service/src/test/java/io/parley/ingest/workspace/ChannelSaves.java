package io.parley.ingest.workspace;

import io.parley.events.Event;
import io.parley.events.workspace.SecretBox;
import io.parley.events.workspace.WorkspaceEvent.ChannelSaved;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code parley.workspace.channel-saved.v1} events as the workspace admin API writes them: settings in the clear,
 * secrets sealed with the workspace key.
 */
public final class ChannelSaves {

    private ChannelSaves() {
    }

    /** A channel account saved by {@code tenant}, its plaintext {@code secrets} sealed in {@code box}. */
    public static Event saved(String tenant, String channel, String accountId, boolean enabled,
                              Map<String, String> settings, Map<String, String> secrets, SecretBox box) {
        Map<String, String> sealed = new HashMap<>();
        secrets.forEach((name, plaintext) -> sealed.put(name, box.seal(plaintext)));
        Map<String, Instant> changedAt = new HashMap<>();
        secrets.keySet().forEach(name -> changedAt.put(name, Instant.now()));
        return new Event(UUID.randomUUID().toString(), "/ticket/admin", tenant, Instant.now(), tenant, null,
                new ChannelSaved(channel, accountId, channel + " " + accountId, enabled, settings, sealed, changedAt,
                        "admin-of-" + tenant));
    }

    /** A WhatsApp Cloud API text message body for {@code phoneNumberId}, with its own message id. */
    public static byte[] whatsappText(String phoneNumberId, String messageId, String text) {
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"value\":"
                + "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\","
                + "\"phone_number_id\":\"" + phoneNumberId + "\"},\"contacts\":[{\"profile\":{\"name\":\"Sheena Nelson\"},"
                + "\"wa_id\":\"16505551234\"}],\"messages\":[{\"from\":\"16505551234\",\"id\":\"" + messageId + "\","
                + "\"timestamp\":\"1749416383\",\"type\":\"text\",\"text\":{\"body\":\"" + text + "\"}}]},"
                + "\"field\":\"messages\"}]}]}").getBytes(StandardCharsets.UTF_8);
    }
}
