package io.parley.events.ids;

import io.parley.events.Channel;
import java.util.Objects;

/**
 * A conversation's identity, {@code channel:account:user}: the CloudEvents subject and the Kafka key, so that one
 * conversation's events share a partition and keep their order.
 */
public record ConversationId(Channel channel, String account, String user) {

    public ConversationId {
        Objects.requireNonNull(channel, "channel");
        requireSegment(account, "account");
        requireSegment(user, "user");
    }

    public static ConversationId whatsapp(String phoneNumberId, String waIdOrUserId) {
        return new ConversationId(Channel.WHATSAPP, phoneNumberId, waIdOrUserId);
    }

    public static ConversationId messenger(String pageId, String psid) {
        return new ConversationId(Channel.MESSENGER, pageId, psid);
    }

    public static ConversationId instagram(String instagramAccountId, String igsid) {
        return new ConversationId(Channel.INSTAGRAM, instagramAccountId, igsid);
    }

    public static ConversationId api(String channelId, String externalUserId) {
        return new ConversationId(Channel.API, channelId, externalUserId);
    }

    /** A web-widget visitor of web channel {@code channelId}: {@code v-…} anonymous, {@code u-…} a signed user. */
    public static ConversationId web(String channelId, String visitor) {
        return new ConversationId(Channel.WEB, channelId, visitor);
    }

    /** Parses {@code channel:account:user}; the user part may itself contain colons (API channels' external ids). */
    public static ConversationId parse(String value) {
        Objects.requireNonNull(value, "conversation id");
        String[] parts = value.split(":", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException(
                    "conversation id '" + value + "' is not of the form channel:account:user");
        }
        return new ConversationId(Channel.fromWireName(parts[0]), parts[1], parts[2]);
    }

    private static void requireSegment(String segment, String name) {
        if (segment == null || segment.isBlank()) {
            throw new IllegalArgumentException("conversation id " + name + " must not be blank");
        }
        if (name.equals("account") && segment.contains(":")) {
            throw new IllegalArgumentException("conversation id account must not contain ':' but was '" + segment + "'");
        }
    }

    @Override
    public String toString() {
        return channel.wireName() + ":" + account + ":" + user;
    }
}
