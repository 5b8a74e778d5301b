package io.parley.devstack.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.devstack.up.DemoAccounts;
import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent;
import io.parley.ingest.channel.TenantResolver;
import io.parley.ingest.normalize.Normalization;
import io.parley.ingest.normalize.WebhookNormalizer;
import io.parley.testkit.webhook.WebhookSigner;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The bodies are what ingest's own normaliser reads as a customer's text, signed over their exact bytes. */
class WebhookBodiesTest {

    private static final Instant AT = Instant.parse("2026-12-02T08:00:00Z");

    @ParameterizedTest
    @EnumSource(value = Channel.class, names = {"WHATSAPP", "MESSENGER", "INSTAGRAM", "API"})
    void each_channel_s_body_becomes_the_customer_s_message(Channel channel) throws Exception {
        WebhookBodies.Webhook webhook = WebhookBodies.text(channel, "4412000001", "Ana", "mid-1",
                "¿Dónde está mi pedido? 你好 \"quoted\"", AT);

        WebhookNormalizer normalizer = new WebhookNormalizer(TenantResolver.fixed(DemoAccounts.TENANT),
                Clock.systemUTC());
        Normalization normalization = channel == Channel.API
                ? normalizer.normalizeApi(DemoAccounts.API_CHANNEL, WebhookNormalizer.parse(webhook.body()))
                : normalizer.normalize(channel, WebhookNormalizer.parse(webhook.body()));

        assertThat(normalization.unhandled()).isEmpty();
        Event event = normalization.events().get(0);
        assertThat(event.subject()).endsWith(":4412000001").startsWith(channel.wireName() + ":");
        ConversationEvent.MessageReceived received = (ConversationEvent.MessageReceived) event.data();
        assertThat(received.content().text()).isEqualTo("¿Dónde está mi pedido? 你好 \"quoted\"");
        assertThat(received.channelMessageId()).isEqualTo("mid-1");
    }

    @ParameterizedTest
    @EnumSource(value = Channel.class, names = {"WHATSAPP", "MESSENGER", "INSTAGRAM"})
    void meta_bodies_are_signed_over_their_exact_bytes_with_the_account_s_app_secret(Channel channel) {
        WebhookBodies.Webhook webhook = WebhookBodies.text(channel, "1", "Ana", "mid-2", "hi", AT);

        assertThat(webhook.path()).isEqualTo("/webhooks/" + channel.wireName());
        assertThat(webhook.headers()).containsEntry(WebhookSigner.HEADER,
                WebhookSigner.sign(webhook.body(), DemoAccounts.meta(channel).appSecret()));
    }
}
