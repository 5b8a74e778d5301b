package io.parley.edge.config;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a service refuses to run without outside dev and test, as a pure function of its configuration: a key to
 * verify agent tokens that is not the development one (its private half is in the repository), the audience tokens
 * must name, and a database password. Each problem says what to set.
 */
public final class ProductionConfig {

    /** The settings any one of which gives smallrye-jwt its verification key. */
    static final List<String> KEY_SETTINGS = List.of("mp.jwt.verify.publickey.location", "mp.jwt.verify.publickey",
            "smallrye.jwt.verify.key.location");
    static final String AUDIENCES = "mp.jwt.verify.audiences";
    static final String DATABASE_KIND = "quarkus.datasource.db-kind";
    static final String DATABASE_PASSWORD = "quarkus.datasource.password";
    /** For a local database on trust authentication (./parley up), which ignores passwords: passed explicitly. */
    public static final String ALLOW_EMPTY_DATABASE_PASSWORD = "parley.allow-empty-database-password";
    /** For a local platform signed by the development key on purpose (./parley up, packaged-service tests). */
    public static final String ALLOW_DEVELOPMENT_TOKEN_KEY = "parley.allow-development-token-key";
    private static final String DEVELOPMENT_KEYS = "dev-keys/";
    /** The setting whose value is the key itself, not where it is. */
    private static final String INLINE_KEY = "mp.jwt.verify.publickey";
    /**
     * SHA-256 of the development public key (testkit's {@code dev-keys/publicKey.pem}, DER): a copy of it under any
     * name or inline is still the key whose private half is in the repository.
     */
    static final String DEVELOPMENT_KEY_SHA256 = "41b47b1d52b395e464843f8add496be325958225ef41da95e240f2ccaadb82b3";

    private ProductionConfig() {
    }

    /**
     * @param config         a setting's value, empty when unset
     * @param keyAt          the text of the key at a configured location (file or class-path resource), empty when
     *                       it cannot be read here (a URL)
     * @param verifiesTokens whether the service verifies agent tokens (it has smallrye-jwt)
     * @return every problem, each saying what to set; empty when the service may start
     */
    public static List<String> problems(Function<String, Optional<String>> config,
                                        Function<String, Optional<String>> keyAt, boolean verifiesTokens) {
        List<String> problems = new ArrayList<>();
        if (verifiesTokens) {
            List<String> settings = KEY_SETTINGS.stream()
                    .filter(setting -> config.apply(setting).filter(value -> !value.isBlank()).isPresent()).toList();
            if (settings.isEmpty()) {
                problems.add("no key to verify agent tokens: set MP_JWT_VERIFY_PUBLICKEY_LOCATION to the file or URL "
                        + "of the agent gateway's public key (PEM or JWKS), or MP_JWT_VERIFY_PUBLICKEY to the key");
            } else if (!config.apply(ALLOW_DEVELOPMENT_TOKEN_KEY).map(Boolean::parseBoolean).orElse(false)
                    && settings.stream().anyMatch(setting -> isDevelopmentKey(setting,
                            config.apply(setting).orElseThrow(), keyAt))) {
                problems.add("the agent-token key is the development key (" + DEVELOPMENT_KEYS + "), whose private "
                        + "half is public: set MP_JWT_VERIFY_PUBLICKEY_LOCATION to the agent gateway's own key");
            }
            if (config.apply(AUDIENCES).filter(value -> !value.isBlank()).isEmpty()) {
                problems.add("no token audience: set MP_JWT_VERIFY_AUDIENCES to the audience the agent gateway puts "
                        + "in its tokens");
            }
        }
        boolean hasDatabase = config.apply(DATABASE_KIND).isPresent();
        boolean emptyPassword = config.apply(DATABASE_PASSWORD).filter(value -> !value.isEmpty()).isEmpty();
        boolean emptyAllowed = config.apply(ALLOW_EMPTY_DATABASE_PASSWORD).map(Boolean::parseBoolean).orElse(false);
        if (hasDatabase && emptyPassword && !emptyAllowed) {
            problems.add("the database password is empty: set QUARKUS_DATASOURCE_PASSWORD (only a local database on "
                    + "trust authentication may go without, with " + ALLOW_EMPTY_DATABASE_PASSWORD + "=true)");
        }
        return problems;
    }

    /** By where it is ({@code dev-keys/}) or by what it is: the development key's bytes, as PEM or bare base64. */
    private static boolean isDevelopmentKey(String setting, String value, Function<String, Optional<String>> keyAt) {
        if (value.contains(DEVELOPMENT_KEYS)) {
            return true;
        }
        Optional<String> text = setting.equals(INLINE_KEY) ? Optional.of(value) : keyAt.apply(value);
        return text.flatMap(ProductionConfig::der).map(ProductionConfig::sha256)
                .filter(DEVELOPMENT_KEY_SHA256::equals).isPresent();
    }

    /** The key's DER bytes from PEM or bare base64; empty for anything else (a JWKS). */
    private static Optional<byte[]> der(String text) {
        String base64 = text.lines().filter(line -> !line.startsWith("-----")).map(String::strip)
                .reduce("", String::concat);
        try {
            return Optional.of(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
