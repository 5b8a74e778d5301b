package io.parley.ingest.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.events.Channel;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelRegistryTest {

    @Test
    void readsAppsAndAccounts() {
        ChannelRegistry registry = ChannelRegistry.fromProperties(Map.of(
                "parley.channels.whatsapp.app-secret", "s3cret",
                "parley.channels.whatsapp.verify-token", "vt",
                "parley.channels.whatsapp.accounts.106540352242922.tenant", "acme",
                "parley.channels.whatsapp.accounts.106540352242922.access-token", "EAAG",
                "parley.channels.api.accounts.web-widget.tenant", "globex",
                "parley.channels.api.accounts.web-widget.bearer-token", "tok",
                "quarkus.http.port", "8081"));

        assertThat(registry.app(Channel.WHATSAPP)).isEqualTo(new ChannelApp("s3cret", "vt"));
        assertThat(registry.app(Channel.MESSENGER)).isEqualTo(ChannelApp.NONE);
        assertThat(registry.tenantOf(Channel.WHATSAPP, "106540352242922")).contains("acme");
        assertThat(registry.account(Channel.WHATSAPP, "106540352242922")).get()
                .extracting(ChannelAccount::accessToken).isEqualTo("EAAG");
        assertThat(registry.account(Channel.API, "web-widget")).get()
                .extracting(ChannelAccount::bearerToken).isEqualTo("tok");
        assertThat(registry.tenantOf(Channel.MESSENGER, "106540352242922")).isEmpty();
    }

    @Test
    void explainsMistakes() {
        assertThatThrownBy(() -> ChannelRegistry.fromProperties(Map.of("parley.channels.whatsapp.accounts.1.access-token", "x")))
                .hasMessageContaining("parley.channels.whatsapp.accounts.1.tenant");
        assertThatThrownBy(() -> ChannelRegistry.fromProperties(Map.of("parley.channels.telegram.app-secret", "x")))
                .hasMessageContaining("unknown channel 'telegram'");
    }
}
