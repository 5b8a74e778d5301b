package io.parley.events.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void a_sealed_secret_opens_under_its_key_only_and_never_shows_the_plaintext() {
        SecretBox box = SecretBox.fromBase64Key(KEY);
        String sealed = box.seal("EAAG-access-token");
        assertThat(sealed).doesNotContain("EAAG");
        assertThat(box.seal("EAAG-access-token")).isNotEqualTo(sealed); // a fresh IV every time
        assertThat(box.open(sealed)).isEqualTo("EAAG-access-token");
        assertThatThrownBy(() -> SecretBox.fromBase64Key(OTHER_KEY).open(sealed))
                .hasMessageContaining("another parley.workspace.secret-key");
    }

    @Test
    void a_key_that_is_not_32_bytes_of_base64_is_refused_with_how_to_make_one() {
        assertThatThrownBy(() -> SecretBox.fromBase64Key("short")).hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> SecretBox.fromBase64Key(null)).hasMessageContaining("parley.workspace.secret-key");
    }
}
