package io.parley.ticket.contacts;

import io.parley.events.Channel;
import java.util.Optional;

/** A contact's id on one channel, written {@code channel:channelUserId} (e.g. {@code whatsapp:4915112345678}). */
public record Identity(String channel, String channelUserId) {

    public String key() {
        return channel + ":" + channelUserId;
    }

    /** {@code channel:channelUserId} with a channel Parley knows, else empty (a phone, a bare id, a contact id). */
    public static Optional<Identity> parse(String key) {
        int colon = key == null ? -1 : key.indexOf(':');
        if (colon <= 0 || colon == key.length() - 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Identity(Channel.fromWireName(key.substring(0, colon)).wireName(),
                    key.substring(colon + 1)));
        } catch (IllegalArgumentException notAChannel) {
            return Optional.empty();
        }
    }
}
