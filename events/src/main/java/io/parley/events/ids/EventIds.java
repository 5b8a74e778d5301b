package io.parley.events.ids;

import io.parley.events.Channel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic event ids (name-based UUID v5). A webhook retried by Meta, or a consumer that reprocesses a record
 * after a crash, produces the same id again, and every fold ignores an id it has already applied.
 */
public final class EventIds {

    /** Namespace of all Parley name-based ids; fixed forever, changing it would break deduplication. */
    public static final UUID NAMESPACE = UUID.fromString("8a5f5d0e-5b1c-4c9e-9f64-2f0d1c3e7a10");

    private EventIds() {
    }

    /** Id of the event for a message that came from a channel: {@code channel + ":" + channel message id}. */
    public static String forChannelMessage(Channel channel, String channelMessageId) {
        return nameBased(channel.wireName() + ":" + channelMessageId).toString();
    }

    /** Id of a delivery status: {@code channel + ":" + channel message id + ":" + status}. */
    public static String forChannelStatus(Channel channel, String channelMessageId, String status) {
        return nameBased(channel.wireName() + ":" + channelMessageId + ":" + status).toString();
    }

    /**
     * Id of an event caused by another one: a service reacting twice to the same cause (redelivery) emits the same id.
     * {@code purpose} tells apart several events caused by one record, e.g. {@code "answer"} and {@code "outbound"}.
     */
    public static String derived(String causationId, String purpose) {
        return nameBased(causationId + "/" + purpose).toString();
    }

    /** RFC 4122 §4.3 version 5 (SHA-1) UUID of {@code name} in {@link #NAMESPACE}. */
    public static UUID nameBased(String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
        sha1.update(toBytes(NAMESPACE));
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (hash[i] & 0xff);
            lsb = (lsb << 8) | (hash[i + 8] & 0xff);
        }
        return new UUID(msb, lsb);
    }

    private static byte[] toBytes(UUID uuid) {
        byte[] bytes = new byte[16];
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (msb >>> (8 * (7 - i)));
            bytes[i + 8] = (byte) (lsb >>> (8 * (7 - i)));
        }
        return bytes;
    }
}
