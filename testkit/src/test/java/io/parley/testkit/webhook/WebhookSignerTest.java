package io.parley.testkit.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    @Test
    void signsTheExactBytesLikeMeta() {
        // Expected value from: printf '<body>' | openssl dgst -sha256 -hmac 'parley-app-secret'
        byte[] body = "Olá, mundo — 你好 🌍 {\"entry\":[]}".getBytes(UTF_8);

        assertThat(WebhookSigner.sign(body, "parley-app-secret"))
                .isEqualTo("sha256=c355564f147090b31d591a20b0ca81ae10ea1c5ad6d1d15812d034a56ecb97ac");
    }

    @Test
    void anyChangedByteChangesTheSignature() {
        byte[] body = "{\"entry\":[]}".getBytes(UTF_8);
        byte[] reformatted = "{\"entry\": []}".getBytes(UTF_8);

        assertThat(WebhookSigner.sign(body, "secret")).isNotEqualTo(WebhookSigner.sign(reformatted, "secret"));
    }
}
