package io.parley.events.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignedIdentityTest {

    @Test
    void the_hash_is_hex_hmac_sha256_of_the_user_id_under_the_identity_secret() {
        // What `printf customer-42 | openssl dgst -sha256 -hmac demo-identity-secret` prints (docs/web-widget.md).
        assertThat(SignedIdentity.hashOf("demo-identity-secret", "customer-42"))
                .isEqualTo("e028141937dad3aaa95edbc78bf490f8ab0efc25be9213d852bc9db8c2c622f1");
        assertThat(SignedIdentity.matches("secret", "customer-42", SignedIdentity.hashOf("secret", "customer-42")))
                .isTrue();
        assertThat(SignedIdentity.matches("secret", "customer-42",
                SignedIdentity.hashOf("secret", "customer-42").toUpperCase())).isTrue();
    }

    @Test
    void an_unsigned_or_wrongly_signed_claim_does_not_match() {
        String hash = SignedIdentity.hashOf("secret", "customer-42");

        assertThat(SignedIdentity.matches("secret", "customer-43", hash)).isFalse();
        assertThat(SignedIdentity.matches("other", "customer-42", hash)).isFalse();
        assertThat(SignedIdentity.matches("secret", "customer-42", null)).isFalse();
        assertThat(SignedIdentity.matches(null, "customer-42", hash)).isFalse();
    }
}
