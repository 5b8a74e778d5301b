package io.parley.edge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ProductionConfigTest {

    private static final Map<String, String> COMPLETE = Map.of(
            "mp.jwt.verify.publickey.location", "/etc/parley/gateway.pem",
            "mp.jwt.verify.audiences", "parley-api",
            "quarkus.datasource.db-kind", "postgresql",
            "quarkus.datasource.password", "s3cret");

    @Test
    void a_configured_service_starts() {
        assertThat(ProductionConfig.problems(config(COMPLETE), NOWHERE, true)).isEmpty();
    }

    @Test
    void without_a_token_key_it_refuses_and_says_what_to_set() {
        assertThat(ProductionConfig.problems(config(without(COMPLETE, "mp.jwt.verify.publickey.location")), NOWHERE,
                true))
                .singleElement().asString().contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
    }

    @Test
    void the_development_key_is_refused() {
        Map<String, String> devKey = new java.util.HashMap<>(COMPLETE);
        devKey.put("mp.jwt.verify.publickey.location", "dev-keys/publicKey.pem");
        assertThat(ProductionConfig.problems(config(devKey), NOWHERE, true)).singleElement().asString()
                .contains("development key");
    }

    @Test
    void a_copy_of_the_development_key_under_another_name_or_inline_is_refused() throws Exception {
        String developmentKey = ProductionConfigCheck.keyAt("dev-keys/publicKey.pem").orElseThrow();
        Path copy = Files.createTempFile("gateway", ".pem");
        try {
            Files.writeString(copy, developmentKey);
            Map<String, String> copied = new java.util.HashMap<>(COMPLETE);
            copied.put("mp.jwt.verify.publickey.location", copy.toString());
            assertThat(ProductionConfig.problems(config(copied), ProductionConfigCheck::keyAt, true)).singleElement()
                    .asString().contains("development key");

            Map<String, String> inline = new java.util.HashMap<>(without(COMPLETE, "mp.jwt.verify.publickey.location"));
            inline.put("mp.jwt.verify.publickey", developmentKey.lines()
                    .filter(line -> !line.startsWith("-----")).reduce("", String::concat));
            assertThat(ProductionConfig.problems(config(inline), NOWHERE, true)).singleElement().asString()
                    .contains("development key");
            inline.put(ProductionConfig.ALLOW_DEVELOPMENT_TOKEN_KEY, "true"); // ./parley up, on purpose
            assertThat(ProductionConfig.problems(config(inline), NOWHERE, true)).isEmpty();

            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            Files.writeString(copy, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                    generator.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
            assertThat(ProductionConfig.problems(config(copied), ProductionConfigCheck::keyAt, true)).isEmpty();
        } finally {
            Files.delete(copy);
        }
    }

    @Test
    void without_an_audience_it_refuses() {
        assertThat(ProductionConfig.problems(config(without(COMPLETE, "mp.jwt.verify.audiences")), NOWHERE, true))
                .singleElement().asString().contains("MP_JWT_VERIFY_AUDIENCES");
    }

    @Test
    void a_service_without_tokens_needs_no_key() {
        assertThat(ProductionConfig.problems(config(Map.of()), NOWHERE, false)).isEmpty();
    }

    @Test
    void an_empty_database_password_is_refused_unless_explicitly_allowed() {
        Map<String, String> empty = new java.util.HashMap<>(COMPLETE);
        empty.put("quarkus.datasource.password", "");
        assertThat(ProductionConfig.problems(config(empty), NOWHERE, true)).singleElement().asString()
                .contains("QUARKUS_DATASOURCE_PASSWORD");
        assertThat(ProductionConfig.problems(config(without(COMPLETE, "quarkus.datasource.password")), NOWHERE, true))
                .hasSize(1);
        empty.put(ProductionConfig.ALLOW_EMPTY_DATABASE_PASSWORD, "true");
        assertThat(ProductionConfig.problems(config(empty), NOWHERE, true)).isEmpty();
    }

    /** No key file can be read: only the settings' own values count. */
    private static final Function<String, Optional<String>> NOWHERE = location -> Optional.empty();

    private static Function<String, Optional<String>> config(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }

    private static Map<String, String> without(Map<String, String> values, String name) {
        Map<String, String> copy = new java.util.HashMap<>(values);
        copy.remove(name);
        return copy;
    }
}
