package io.parley.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.ingest.normalize.Fixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String SECRET = "app-secret";

    @Test
    void verifiesTheExactBytesIncludingNonAscii() {
        byte[] body = Fixtures.meta("whatsapp-text.json");
        assertThat(WebhookSignature.verify(SECRET, body, WebhookSignature.sign(SECRET, body))).isTrue();
    }

    @Test
    void metaEscapedFormIsNotTheSameBytesAsTheUnescapedOne() {
        byte[] escaped = "{\"text\":\"ol\\u00e1\"}".getBytes(StandardCharsets.UTF_8);
        byte[] unescaped = "{\"text\":\"olá\"}".getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.sign(SECRET, escaped);

        assertThat(WebhookSignature.verify(SECRET, escaped, signature)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, unescaped, signature)).isFalse();
    }

    @Test
    void rejectsWrongMissingAndMalformedSignatures() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String valid = WebhookSignature.sign(SECRET, body);

        assertThat(WebhookSignature.verify("other-secret", body, valid)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, body, null)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, body, valid.substring("sha256=".length()))).isFalse();
        assertThat(WebhookSignature.verify(SECRET, body, "sha256=zz")).isFalse();
        assertThat(WebhookSignature.verify(SECRET, body, "sha256=")).isFalse();
        assertThat(WebhookSignature.verify(null, body, valid)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "{ }".getBytes(StandardCharsets.UTF_8), valid)).isFalse();
    }
}
