package io.parley.events.web;

import io.parley.events.ids.ConversationId;
import java.time.Instant;

/**
 * What a web-widget visitor's session token says, signed by Parley ({@link VisitorTokens}): the tenant and web channel
 * it was issued for, the visitor ({@code v-<random>} anonymous, {@code u-<user id>} a user the business signed), and
 * when. The visitor's conversation follows from it, so a token can read no other conversation.
 */
public record VisitorToken(String tenant, String channelId, String visitor, Instant issuedAt) {

    public static final String ANONYMOUS_PREFIX = "v-";
    public static final String USER_PREFIX = "u-";

    public ConversationId conversation() {
        return ConversationId.web(channelId, visitor);
    }

    /** The business's own user id when the visitor was signed in, else null. */
    public String userId() {
        return visitor.startsWith(USER_PREFIX) ? visitor.substring(USER_PREFIX.length()) : null;
    }
}
