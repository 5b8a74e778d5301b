package io.parley.ingest.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.Channel;
import io.parley.events.workspace.SecretBox;
import io.parley.ingest.normalize.Unhandled;
import io.parley.ingest.workspace.ChannelSaves;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveChannelRegistryTest {

    private static final SecretBox BOX = SecretBox.fromBase64Key(Base64.getEncoder().encodeToString(new byte[32]));
    private static final SecretBox OTHER_BOX = SecretBox.fromBase64Key(
            Base64.getEncoder().encodeToString("another-32-byte-key-for-testing!".getBytes()));
    private static final ChannelRegistry CONFIGURED = ChannelRegistry.fromProperties(Map.of(
            "parley.channels.whatsapp.app-secret", "platform-app-secret",
            "parley.channels.whatsapp.verify-token", "platform-verify-token",
            "parley.channels.whatsapp.accounts.106540352242922.tenant", "acme",
            "parley.channels.whatsapp.accounts.106540352242922.access-token", "acme-token"));
    private static final String GLOBEX_NUMBER = "204060801234567";
    private static final Map<String, String> GLOBEX_SECRETS = Map.of(
            "appSecret", "globex-app-secret", "verifyToken", "globex-verify", "accessToken", "globex-token");

    private final List<String> problems = new ArrayList<>();

    private LiveChannelRegistry registry(Optional<SecretBox> box) {
        return new LiveChannelRegistry(CONFIGURED, new WorkspaceAccountOpener(box, CONFIGURED), problems::add);
    }

    @Test
    void workspaceAccountsJoinTheConfiguredOnesWithTheirOwnMetaApp() {
        LiveChannelRegistry registry = registry(Optional.of(BOX));

        registry.apply(ChannelSaves.saved("globex", "whatsapp", GLOBEX_NUMBER, true, Map.of(), GLOBEX_SECRETS, BOX));

        ChannelDirectory directory = registry.current();
        assertThat(directory.tenantOf(Channel.WHATSAPP, "106540352242922")).contains("acme");
        assertThat(directory.tenantOf(Channel.WHATSAPP, GLOBEX_NUMBER)).contains("globex");
        assertThat(directory.account(Channel.WHATSAPP, GLOBEX_NUMBER)).get()
                .satisfies(account -> {
                    assertThat(account.app()).isEqualTo(new ChannelApp("globex-app-secret", "globex-verify"));
                    assertThat(account.accessToken()).isEqualTo("globex-token");
                });
        assertThat(directory.appSecrets(Channel.WHATSAPP))
                .containsExactlyInAnyOrder("platform-app-secret", "globex-app-secret");
        assertThat(directory.acceptsVerifyToken(Channel.WHATSAPP, "globex-verify")).isTrue();
        assertThat(directory.acceptsVerifyToken(Channel.WHATSAPP, "platform-verify-token")).isTrue();
        assertThat(directory.acceptsVerifyToken(Channel.MESSENGER, "globex-verify")).isFalse();
        assertThat(problems).isEmpty();
    }

    @Test
    void anAccountWithoutItsOwnAppIsServedByTheChannelsConfiguredApp() {
        LiveChannelRegistry registry = registry(Optional.empty());

        registry.apply(ChannelSaves.saved("globex", "whatsapp", GLOBEX_NUMBER, true, Map.of(), Map.of(), BOX));

        assertThat(registry.current().account(Channel.WHATSAPP, GLOBEX_NUMBER)).get()
                .extracting(ChannelAccount::app)
                .isEqualTo(new ChannelApp("platform-app-secret", "platform-verify-token"));
    }

    @Test
    void theLastSaveWinsAndADisabledAccountKeepsItsTenantButTakesNoIntake() {
        LiveChannelRegistry registry = registry(Optional.of(BOX));
        registry.apply(ChannelSaves.saved("globex", "whatsapp", GLOBEX_NUMBER, true, Map.of(), GLOBEX_SECRETS, BOX));
        ChannelDirectory beforeDisabling = registry.current();

        registry.apply(ChannelSaves.saved("globex", "whatsapp", GLOBEX_NUMBER, false, Map.of(), GLOBEX_SECRETS, BOX));

        ChannelDirectory directory = registry.current();
        assertThat(directory.tenantOf(Channel.WHATSAPP, GLOBEX_NUMBER)).isEmpty();
        assertThat(directory.whyNoTenant(Channel.WHATSAPP, GLOBEX_NUMBER)).isEqualTo(Unhandled.DISABLED_ACCOUNT);
        assertThat(directory.account(Channel.WHATSAPP, GLOBEX_NUMBER)).get().extracting(ChannelAccount::tenant)
                .isEqualTo("globex");
        assertThat(directory.workspaceAccounts(false)).isEqualTo(1);
        assertThat(beforeDisabling.tenantOf(Channel.WHATSAPP, GLOBEX_NUMBER))
                .as("a request holding the earlier registry is not changed under it").contains("globex");
    }

    @Test
    void aSecondTenantsClaimOnAnAccountIsIgnoredAndReported() {
        LiveChannelRegistry registry = registry(Optional.of(BOX));
        registry.apply(ChannelSaves.saved("globex", "whatsapp", GLOBEX_NUMBER, true, Map.of(), GLOBEX_SECRETS, BOX));

        registry.apply(ChannelSaves.saved("initech", "whatsapp", GLOBEX_NUMBER, true, Map.of(),
                Map.of("appSecret", "initech-app-secret"), BOX));

        assertThat(registry.current().tenantOf(Channel.WHATSAPP, GLOBEX_NUMBER)).contains("globex");
        assertThat(registry.current().appSecrets(Channel.WHATSAPP)).doesNotContain("initech-app-secret");
        assertThat(problems).singleElement().asString()
                .contains("initech", "belongs to tenant globex", "ignored");
    }

    @Test
    void aConfiguredAccountCannotBeTakenOverFromTheWorkspace() {
        LiveChannelRegistry registry = registry(Optional.of(BOX));

        registry.apply(ChannelSaves.saved("globex", "whatsapp", "106540352242922", true, Map.of(), GLOBEX_SECRETS,
                BOX));

        assertThat(registry.current().tenantOf(Channel.WHATSAPP, "106540352242922")).contains("acme");
        assertThat(registry.current().account(Channel.WHATSAPP, "106540352242922")).get()
                .extracting(ChannelAccount::accessToken).isEqualTo("acme-token");
        assertThat(problems).singleElement().asString()
                .contains("parley.channels.whatsapp.accounts.106540352242922", "configuration wins");
    }

    @Test
    void withoutAKeyAccountsCarryingSecretsAreUnusableReportedOnceAndConfiguredOnesStillWork() {
        LiveChannelRegistry registry = registry(Optional.empty());

        registry.apply(ChannelSaves.saved("globex", "whatsapp", GLOBEX_NUMBER, true, Map.of(), GLOBEX_SECRETS, BOX));
        registry.apply(ChannelSaves.saved("globex", "whatsapp", GLOBEX_NUMBER, true, Map.of(), GLOBEX_SECRETS, BOX));

        ChannelDirectory directory = registry.current();
        assertThat(directory.account(Channel.WHATSAPP, GLOBEX_NUMBER)).isEmpty();
        assertThat(directory.unusableAccounts()).containsExactly("whatsapp:" + GLOBEX_NUMBER);
        assertThat(directory.whyNoTenant(Channel.WHATSAPP, GLOBEX_NUMBER)).isEqualTo(Unhandled.UNUSABLE_ACCOUNT);
        assertThat(directory.whyMissing(Channel.WHATSAPP, GLOBEX_NUMBER))
                .contains("parley.workspace.secret-key is not set");
        assertThat(directory.appSecrets(Channel.WHATSAPP)).containsExactly("platform-app-secret");
        assertThat(directory.tenantOf(Channel.WHATSAPP, "106540352242922")).contains("acme");
        assertThat(problems).singleElement().asString().contains("whatsapp:" + GLOBEX_NUMBER, "globex",
                "parley.workspace.secret-key is not set");
    }

    @Test
    void secretsSealedUnderAnotherKeyMakeTheAccountUnusableUntilItIsSavedWithOnesThatOpen() {
        LiveChannelRegistry registry = registry(Optional.of(BOX));

        registry.apply(ChannelSaves.saved("globex", "whatsapp", GLOBEX_NUMBER, true, Map.of(), GLOBEX_SECRETS,
                OTHER_BOX));

        assertThat(registry.current().account(Channel.WHATSAPP, GLOBEX_NUMBER)).isEmpty();
        assertThat(problems).singleElement().asString().contains("does not open with parley.workspace.secret-key");

        registry.apply(ChannelSaves.saved("globex", "whatsapp", GLOBEX_NUMBER, true, Map.of(), GLOBEX_SECRETS, BOX));

        assertThat(registry.current().tenantOf(Channel.WHATSAPP, GLOBEX_NUMBER)).contains("globex");
        assertThat(registry.current().unusableAccounts()).isEmpty();
    }

    @Test
    void apiChannelsBringTheirBearerTokenCallbackUrlAndCallbackSecret() {
        LiveChannelRegistry registry = registry(Optional.of(BOX));

        registry.apply(ChannelSaves.saved("globex", "api", "globex-widget", true,
                Map.of("callbackUrl", "https://globex.example/replies"),
                Map.of("bearerToken", "widget-token", "callbackSecret", "widget-callback-secret"), BOX));

        assertThat(registry.account(Channel.API, "globex-widget")).get().satisfies(account -> {
            assertThat(account.bearerToken()).isEqualTo("widget-token");
            assertThat(account.callbackUrl()).isEqualTo("https://globex.example/replies");
            assertThat(account.callbackSecret()).isEqualTo("widget-callback-secret");
        });
    }
}
