package io.parley.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.workspace.SecretBox;
import io.parley.ingest.channel.ChannelDirectory;
import io.parley.ingest.channel.ChannelRegistry;
import io.parley.ingest.channel.LiveChannelRegistry;
import io.parley.ingest.channel.WorkspaceAccountOpener;
import io.parley.ingest.normalize.Fixtures;
import io.parley.ingest.normalize.Normalization;
import io.parley.ingest.normalize.Unhandled;
import io.parley.ingest.normalize.WebhookNormalizer;
import io.parley.ingest.workspace.ChannelSaves;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignatureRuleTest {

    private static final SecretBox BOX = SecretBox.fromBase64Key(Base64.getEncoder().encodeToString(new byte[32]));
    private static final String ACME_NUMBER = "106540352242922";
    private static final String GLOBEX_NUMBER = "204060801234567";
    private static final String INITECH_NUMBER = "305070901234567";
    private static final String HOOLI_NUMBER = "406080201234567";
    private static final String UNUSABLE_NUMBER = "507090301234567";

    private final ChannelDirectory directory = directory();

    private static ChannelDirectory directory() {
        ChannelRegistry configured = ChannelRegistry.fromProperties(Map.of(
                "parley.channels.whatsapp.app-secret", "platform-app-secret",
                "parley.channels.whatsapp.accounts." + ACME_NUMBER + ".tenant", "acme"));
        LiveChannelRegistry registry = new LiveChannelRegistry(configured,
                new WorkspaceAccountOpener(Optional.of(BOX), configured), problem -> { });
        registry.apply(whatsapp("globex", GLOBEX_NUMBER, true, "globex-app-secret"));
        registry.apply(whatsapp("initech", INITECH_NUMBER, true, "initech-app-secret"));
        registry.apply(whatsapp("hooli", HOOLI_NUMBER, false, "hooli-app-secret"));
        SecretBox otherKey = SecretBox.fromBase64Key(Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'B'));
        registry.apply(ChannelSaves.saved("umbrella", "whatsapp", UNUSABLE_NUMBER, true, Map.of(),
                Map.of("appSecret", "umbrella-app-secret"), otherKey));
        return registry.current();
    }

    private static Event whatsapp(String tenant, String number, boolean enabled, String appSecret) {
        return ChannelSaves.saved(tenant, "whatsapp", number, enabled, Map.of(), Map.of("appSecret", appSecret), BOX);
    }

    private static byte[] body(String... numbers) {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < numbers.length; i++) {
            byte[] one = ChannelSaves.whatsappText(numbers[i], "wamid." + numbers[i], "hello");
            JsonNode entry = WebhookNormalizer.parse(one).path("entry").path(0);
            entries.append(i == 0 ? "" : ",").append(entry);
        }
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[" + entries + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private Optional<String> signer(byte[] body, String appSecret) {
        return SignatureRule.signingSecret(directory, Channel.WHATSAPP, body, WebhookSignature.sign(appSecret, body));
    }

    private Optional<String> refusal(byte[] body, String signingSecret) {
        return SignatureRule.refusal(directory, Channel.WHATSAPP, signingSecret, WebhookNormalizer.parse(body));
    }

    @Test
    void theSignatureMustBeMadeWithOneOfTheChannelsKnownAppSecrets() {
        byte[] body = body(GLOBEX_NUMBER);

        assertThat(signer(body, "globex-app-secret")).contains("globex-app-secret");
        assertThat(signer(body, "platform-app-secret")).contains("platform-app-secret");
        assertThat(signer(body, "a-secret-nobody-has")).isEmpty();
        assertThat(SignatureRule.signingSecret(directory, Channel.WHATSAPP, body, null)).isEmpty();
        assertThat(SignatureRule.signingSecret(directory, Channel.MESSENGER, body,
                WebhookSignature.sign("globex-app-secret", body))).as("another channel's secrets do not count").isEmpty();
    }

    @Test
    void aBodySignedWithOneTenantsAppSecretCannotSpeakForAnotherTenantsAccount() {
        assertThat(refusal(body(GLOBEX_NUMBER), "initech-app-secret")).get().asString()
                .contains(GLOBEX_NUMBER, "not signed with that account's app secret");
        assertThat(refusal(body(INITECH_NUMBER, GLOBEX_NUMBER), "initech-app-secret"))
                .as("one foreign entry refuses the whole body").isPresent();
        assertThat(refusal(body(ACME_NUMBER), "globex-app-secret"))
                .as("nor for a configured account, served by the platform's app").isPresent();
        assertThat(refusal(body(GLOBEX_NUMBER), "platform-app-secret"))
                .as("nor may the platform's app speak for an account with its own app").isPresent();
    }

    @Test
    void aBodyNamingOnlyTheSignersAccountsOrAccountsNobodyHasIsTaken() {
        assertThat(refusal(body(GLOBEX_NUMBER), "globex-app-secret")).isEmpty();
        assertThat(refusal(body(ACME_NUMBER, "999999"), "platform-app-secret")).isEmpty();
        assertThat(refusal(body(HOOLI_NUMBER), "hooli-app-secret")).as("disabled accounts are still authenticated")
                .isEmpty();
    }

    @Test
    void aBodyNamingAnAccountWhoseSecretsCannotBeOpenedIsRefusedSoTheSenderRetries() {
        assertThat(refusal(body(UNUSABLE_NUMBER), "platform-app-secret")).get().asString()
                .contains(UNUSABLE_NUMBER, "cannot open");
    }

    @Test
    void eventsGoOnlyToAccountsOfTheSigningAppThatAreEnabled() {
        byte[] body = body(GLOBEX_NUMBER, HOOLI_NUMBER, "999999");
        WebhookNormalizer normalizer = new WebhookNormalizer(directory.signedWith("globex-app-secret"), Fixtures.CLOCK);

        Normalization normalization = normalizer.normalize(Channel.WHATSAPP, WebhookNormalizer.parse(body));

        assertThat(normalization.events()).singleElement().satisfies(event -> {
            assertThat(event.tenant()).isEqualTo("globex");
            assertThat(event.subject()).startsWith("whatsapp:" + GLOBEX_NUMBER + ":");
        });
        assertThat(normalization.unhandled()).extracting(Unhandled::reason)
                .containsExactly(Unhandled.FOREIGN_SIGNATURE, Unhandled.UNKNOWN_ACCOUNT);
    }

    @Test
    void aDisabledAccountsEventsAreUnhandled() {
        byte[] body = body(HOOLI_NUMBER);
        WebhookNormalizer normalizer = new WebhookNormalizer(directory.signedWith("hooli-app-secret"), Fixtures.CLOCK);

        Normalization normalization = normalizer.normalize(Channel.WHATSAPP, WebhookNormalizer.parse(body));

        assertThat(normalization.events()).isEmpty();
        assertThat(normalization.unhandled()).extracting(Unhandled::reason)
                .containsExactly(Unhandled.DISABLED_ACCOUNT);
    }

    @Test
    void theAccountsABodyNamesAreEveryWhatsAppChangesNumberAndEveryMessagingEntrysId() {
        assertThat(SignatureRule.accountsNamed(Channel.WHATSAPP, WebhookNormalizer.parse(body(GLOBEX_NUMBER,
                ACME_NUMBER, GLOBEX_NUMBER)))).containsExactly(GLOBEX_NUMBER, ACME_NUMBER);
        assertThat(SignatureRule.accountsNamed(Channel.MESSENGER,
                WebhookNormalizer.parse(Fixtures.meta("messenger-batch.json")))).containsExactly("108464318921034");
    }
}
