package io.parley.testkit.auth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Issues agent tokens signed with the DEVELOPMENT key pair under testkit's {@code src/main/resources/dev-keys}, which
 * is public in the repository: for local runs and tests only, never for production (configure real keys there).
 * Services verify them with {@code dev-keys/publicKey.pem} in dev and test only (the edge module's shared config);
 * a packaged service gets it explicitly ({@link #verificationConfig()}, as {@code ./parley up} and the testkit's
 * {@code QuarkusAppProcess} pass it). Plain JDK, no Quarkus: service tests mint tokens with it, and
 * {@code ./parley token} prints one.
 */
public final class DevTokens {

    public static final String ISSUER = "https://parley.dev/ticket-service";
    /** The audience every service checks ({@code mp.jwt.verify.audiences}). */
    public static final String AUDIENCE = "parley-api";
    public static final String PRIVATE_KEY_RESOURCE = "dev-keys/privateKey.pem";
    public static final String PUBLIC_KEY_RESOURCE = "dev-keys/publicKey.pem";
    public static final Duration LIFETIME = Duration.ofHours(12);

    private DevTokens() {
    }

    /** A signed RS256 JWT for {@code agent} of {@code tenant}; groups {@code agent}, plus {@code admin} if asked. */
    public static String issue(String tenant, String agent, boolean admin) {
        return issue(tenant, agent, admin, Instant.now());
    }

    public static String issue(String tenant, String agent, boolean admin, Instant issuedAt) {
        return signed(tenant, agent, admin ? List.of("agent", "admin") : List.of("agent"), issuedAt);
    }

    /** A signed RS256 JWT for {@code agent} of {@code tenant} with exactly {@code groups}, e.g. "agent", "platform". */
    public static String issue(String tenant, String agent, String... groups) {
        if (groups.length == 0) {
            throw new IllegalArgumentException("a token without groups is refused everywhere: name at least one, "
                    + "e.g. \"agent\"");
        }
        return signed(tenant, agent, List.of(groups), Instant.now());
    }

    /**
     * The config that makes a packaged service (prod profile) verify these tokens: the development public key, given
     * explicitly because no profile but dev and test has it, and the explicit permission to run with it (the
     * production check refuses the development key by its content, wherever it comes from).
     */
    public static Map<String, String> verificationConfig() {
        return Map.of("mp.jwt.verify.publickey", resource(PUBLIC_KEY_RESOURCE),
                "parley.allow-development-token-key", "true");
    }

    /** A token signed with the development key over exactly {@code claimsJson}: for tests of what services refuse. */
    public static String signedClaims(String claimsJson) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claimsJson.getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + base64Url(sign(signingInput));
    }

    private static String signed(String tenant, String agent, List<String> groups, Instant issuedAt) {
        return signedClaims("{\"iss\":" + json(ISSUER)
                + ",\"aud\":" + json(AUDIENCE)
                + ",\"jti\":" + json(UUID.randomUUID().toString())
                + ",\"sub\":" + json(agent)
                + ",\"upn\":" + json(agent)
                + ",\"tenant\":" + json(tenant)
                + ",\"groups\":" + groups.stream().map(DevTokens::json).collect(Collectors.joining(",", "[", "]"))
                + ",\"iat\":" + issuedAt.getEpochSecond()
                + ",\"exp\":" + issuedAt.plus(LIFETIME).getEpochSecond() + "}");
    }

    private static byte[] sign(String signingInput) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a development token with " + PRIVATE_KEY_RESOURCE, e);
        }
    }

    private static PrivateKey privateKey() throws GeneralSecurityException {
        String pem = resource(PRIVATE_KEY_RESOURCE)
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    private static String resource(String name) {
        try (InputStream in = DevTokens.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath: put the parley-testkit jar (or its "
                        + "resources) on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String json(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
