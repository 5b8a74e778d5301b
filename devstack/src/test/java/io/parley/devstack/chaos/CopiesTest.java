package io.parley.devstack.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.devstack.simulate.WebhookBodies;
import io.parley.devstack.up.DemoAccounts;
import io.parley.events.Channel;
import io.parley.testkit.webhook.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A forgery is the genuine webhook about another message, with only its credentials spoiled. */
class CopiesTest {

    private static final Instant AT = Instant.parse("2026-12-02T08:00:00Z");

    @ParameterizedTest
    @EnumSource(Copies.Forgery.class)
    void a_forged_meta_webhook_carries_another_message_id_and_no_valid_signature(Copies.Forgery forgery) {
        WebhookBodies.Webhook genuine = WebhookBodies.text(Channel.WHATSAPP, "4412", "Ana", "wamid.SIM1N7", "hi", AT);

        WebhookBodies.Webhook forged = Copies.forge(genuine, "wamid.SIM1N7", "wamid.SIM1N7F0", forgery);

        String body = new String(forged.body(), StandardCharsets.UTF_8);
        assertThat(body).contains("wamid.SIM1N7F0").isEqualTo(new String(genuine.body(), StandardCharsets.UTF_8)
                .replace("wamid.SIM1N7", "wamid.SIM1N7F0"));
        assertThat(forged.path()).isEqualTo(genuine.path());
        String valid = WebhookSigner.sign(forged.body(), DemoAccounts.meta(Channel.WHATSAPP).appSecret());
        assertThat(forged.headers().get(WebhookSigner.HEADER)).isNotEqualTo(valid);
        switch (forgery) {
            case MISSING -> assertThat(forged.headers()).doesNotContainKey(WebhookSigner.HEADER);
            case NON_ASCII -> assertThat(forged.headers().get(WebhookSigner.HEADER)).matches("sha256=.*[^\\x00-\\x7F].*");
            case WRONG -> assertThat(forged.headers().get(WebhookSigner.HEADER)).matches("sha256=[0-9a-f]{64}");
        }
    }

    @Test
    void a_forged_api_post_has_a_wrong_missing_or_non_ascii_bearer() {
        WebhookBodies.Webhook genuine = WebhookBodies.text(Channel.API, "4412", "Ana", "sim-1-7", "hi", AT);

        assertThat(Copies.forge(genuine, "sim-1-7", "sim-1-7F0", Copies.Forgery.WRONG).headers())
                .containsEntry("Authorization", "Bearer not-the-token");
        assertThat(Copies.forge(genuine, "sim-1-7", "sim-1-7F1", Copies.Forgery.MISSING).headers())
                .doesNotContainKey("Authorization");
        assertThat(Copies.forge(genuine, "sim-1-7", "sim-1-7F2", Copies.Forgery.NON_ASCII).headers()
                .get("Authorization")).startsWith("Bearer ").matches(".*[^\\x00-\\x7F].*");
    }
}
