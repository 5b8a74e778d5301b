package io.parley.events.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks visitors' session tokens: {@code base64url(tenant|channel|visitor|issued-at)}, a dot, and the
 * HMAC-SHA256 of that under a key derived from {@code parley.workspace.secret-key}. Ingest issues them and every
 * service holding the workspace key can check them (ticket-service serves the visitor's history and live stream),
 * without a session store. A token lives {@code maxAge}; the widget then starts a new anonymous session.
 */
public final class VisitorTokens {

    /** Tenant, channel and visitor ids never contain '|' (ids are letters, digits, '.', '_', '-', ':', '@'). */
    private static final Pattern SEGMENT = Pattern.compile("[^|\\s]{1,200}");
    private static final String PURPOSE = "parley web visitor tokens v1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;
    private final Duration maxAge;
    private final Clock clock;

    private VisitorTokens(byte[] key, Duration maxAge, Clock clock) {
        this.key = key;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /**
     * Tokens under the workspace key (base64, as configured): a key of its own is derived from it, so a token
     * never reveals or doubles as the key that seals channel secrets.
     */
    public static VisitorTokens fromWorkspaceKey(String base64Key, Duration maxAge, Clock clock) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException("visitor tokens need parley.workspace.secret-key (32 random bytes in "
                    + "base64, the same on ingest and ticket): set it, e.g. from `openssl rand -base64 32`");
        }
        return new VisitorTokens(hmac(base64Key.trim().getBytes(StandardCharsets.UTF_8), PURPOSE), maxAge, clock);
    }

    public String issue(String tenant, String channelId, String visitor) {
        for (String segment : new String[] {tenant, channelId, visitor}) {
            if (segment == null || !SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("a visitor token segment must be 1-200 characters without '|' or "
                        + "spaces, not '" + segment + "'");
            }
        }
        String payload = tenant + "|" + channelId + "|" + visitor + "|" + clock.instant().getEpochSecond();
        String encoded = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + ENCODER.encodeToString(hmac(key, encoded));
    }

    /** The token's claims when Parley signed it and it is not older than the maximum age; empty otherwise. */
    public Optional<VisitorToken> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        String encoded = token.substring(0, dot);
        byte[] expected = ENCODER.encode(hmac(key, encoded));
        if (!MessageDigest.isEqual(expected, token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split("\\|");
        if (parts.length != 4) {
            return Optional.empty();
        }
        Instant issuedAt;
        try {
            issuedAt = Instant.ofEpochSecond(Long.parseLong(parts[3]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (issuedAt.plus(maxAge).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(new VisitorToken(parts[0], parts[1], parts[2], issuedAt));
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
