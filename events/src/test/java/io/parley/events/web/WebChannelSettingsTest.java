package io.parley.events.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebChannelSettingsTest {

    @Test
    void an_origin_is_allowed_when_scheme_host_and_port_match_one_listed() {
        List<String> allowed = WebChannelSettings.allowedOrigins(
                Map.of(WebChannelSettings.ALLOWED_ORIGINS, "https://shop.example http://localhost:8080"));

        assertThat(WebChannelSettings.allows(allowed, "https://shop.example")).isTrue();
        assertThat(WebChannelSettings.allows(allowed, "HTTPS://Shop.Example")).isTrue();
        assertThat(WebChannelSettings.allows(allowed, "http://localhost:8080")).isTrue();
        assertThat(WebChannelSettings.allows(allowed, "http://shop.example")).isFalse();
        assertThat(WebChannelSettings.allows(allowed, "https://shop.example.evil.test")).isFalse();
        assertThat(WebChannelSettings.allows(allowed, "http://localhost:8081")).isFalse();
        assertThat(WebChannelSettings.allows(allowed, "null")).isFalse();
        assertThat(WebChannelSettings.allows(allowed, null)).isFalse();
    }

    @Test
    void only_bare_http_origins_are_origins() {
        assertThat(WebChannelSettings.normalise("https://shop.example/")).isEqualTo("https://shop.example");
        assertThat(WebChannelSettings.normalise("https://shop.example/cart")).isNull();
        assertThat(WebChannelSettings.normalise("ftp://shop.example")).isNull();
        assertThat(WebChannelSettings.normalise("shop.example")).isNull();
        assertThat(WebChannelSettings.allowedOrigins(Map.of())).isEmpty();
    }
}
