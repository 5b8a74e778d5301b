package io.parley.events.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A business vouches for its signed-in user by sending the widget {@code userHash} = lower-case hex of
 * HMAC-SHA256(identity secret, user id), computed on its server (the identity secret never reaches a browser), as
 * Intercom's identity verification does. Parley recomputes it under the web channel's identity secret.
 */
public final class SignedIdentity {

    private SignedIdentity() {
    }

    public static String hashOf(String identitySecret, String userId) {
        return HexFormat.of().formatHex(VisitorTokens.hmac(identitySecret.getBytes(StandardCharsets.UTF_8), userId));
    }

    /** Constant-time: a wrong hash takes as long as a nearly right one. */
    public static boolean matches(String identitySecret, String userId, String userHash) {
        if (identitySecret == null || userId == null || userHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hashOf(identitySecret, userId).getBytes(StandardCharsets.US_ASCII),
                userHash.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
