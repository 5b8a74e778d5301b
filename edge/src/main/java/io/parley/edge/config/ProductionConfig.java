package io.parley.edge.config;

import java.util.ArrayList;
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
    private static final String DEVELOPMENT_KEYS = "dev-keys/";

    private ProductionConfig() {
    }

    /**
     * @param config         a setting's value, empty when unset
     * @param verifiesTokens whether the service verifies agent tokens (it has smallrye-jwt)
     * @return every problem, each saying what to set; empty when the service may start
     */
    public static List<String> problems(Function<String, Optional<String>> config, boolean verifiesTokens) {
        List<String> problems = new ArrayList<>();
        if (verifiesTokens) {
            List<String> keys = KEY_SETTINGS.stream().map(config).flatMap(Optional::stream)
                    .filter(value -> !value.isBlank()).toList();
            if (keys.isEmpty()) {
                problems.add("no key to verify agent tokens: set MP_JWT_VERIFY_PUBLICKEY_LOCATION to the file or URL "
                        + "of the agent gateway's public key (PEM or JWKS), or MP_JWT_VERIFY_PUBLICKEY to the key");
            } else if (keys.stream().anyMatch(key -> key.contains(DEVELOPMENT_KEYS))) {
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
}
