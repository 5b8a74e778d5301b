package io.parley.edge.config;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(ProductionConfig.problems(config(COMPLETE), true)).isEmpty();
    }

    @Test
    void without_a_token_key_it_refuses_and_says_what_to_set() {
        assertThat(ProductionConfig.problems(config(without(COMPLETE, "mp.jwt.verify.publickey.location")), true))
                .singleElement().asString().contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
    }

    @Test
    void the_development_key_is_refused() {
        Map<String, String> devKey = new java.util.HashMap<>(COMPLETE);
        devKey.put("mp.jwt.verify.publickey.location", "dev-keys/publicKey.pem");
        assertThat(ProductionConfig.problems(config(devKey), true)).singleElement().asString()
                .contains("development key");
    }

    @Test
    void without_an_audience_it_refuses() {
        assertThat(ProductionConfig.problems(config(without(COMPLETE, "mp.jwt.verify.audiences")), true))
                .singleElement().asString().contains("MP_JWT_VERIFY_AUDIENCES");
    }

    @Test
    void a_service_without_tokens_needs_no_key() {
        assertThat(ProductionConfig.problems(config(Map.of()), false)).isEmpty();
    }

    @Test
    void an_empty_database_password_is_refused_unless_explicitly_allowed() {
        Map<String, String> empty = new java.util.HashMap<>(COMPLETE);
        empty.put("quarkus.datasource.password", "");
        assertThat(ProductionConfig.problems(config(empty), true)).singleElement().asString()
                .contains("QUARKUS_DATASOURCE_PASSWORD");
        assertThat(ProductionConfig.problems(config(without(COMPLETE, "quarkus.datasource.password")), true))
                .hasSize(1);
        empty.put(ProductionConfig.ALLOW_EMPTY_DATABASE_PASSWORD, "true");
        assertThat(ProductionConfig.problems(config(empty), true)).isEmpty();
    }

    private static Function<String, Optional<String>> config(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }

    private static Map<String, String> without(Map<String, String> values, String name) {
        Map<String, String> copy = new java.util.HashMap<>(values);
        copy.remove(name);
        return copy;
    }
}
