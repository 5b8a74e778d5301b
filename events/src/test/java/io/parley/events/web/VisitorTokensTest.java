package io.parley.events.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class VisitorTokensTest {

    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final VisitorTokens tokens = VisitorTokens.fromWorkspaceKey(KEY, Duration.ofDays(30),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void a_token_names_its_tenant_channel_and_visitor_and_so_one_conversation() {
        VisitorToken token = tokens.verify(tokens.issue("acme", "shop", "v-123")).orElseThrow();

        assertThat(token.tenant()).isEqualTo("acme");
        assertThat(token.conversation()).hasToString("web:shop:v-123");
        assertThat(token.userId()).isNull();
        assertThat(tokens.verify(tokens.issue("acme", "shop", "u-ana@example.com")).orElseThrow().userId())
                .isEqualTo("ana@example.com");
    }

    @Test
    void a_changed_token_or_one_signed_under_another_key_is_refused() {
        String issued = tokens.issue("acme", "shop", "v-123");
        String payload = issued.substring(0, issued.indexOf('.'));
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "acme|shop|v-999|1795341600".getBytes()) + issued.substring(issued.indexOf('.'));
        VisitorTokens otherKey = VisitorTokens.fromWorkspaceKey("BBECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(tokens.verify(forged)).isEmpty();
        assertThat(tokens.verify(payload)).isEmpty();
        assertThat(tokens.verify(issued + "x")).isEmpty();
        assertThat(tokens.verify("not a token")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(otherKey.verify(issued)).isEmpty();
    }

    @Test
    void a_token_expires_after_its_maximum_age() {
        String issued = tokens.issue("acme", "shop", "v-123");
        VisitorTokens later = VisitorTokens.fromWorkspaceKey(KEY, Duration.ofDays(30),
                Clock.fixed(NOW.plus(Duration.ofDays(31)), ZoneOffset.UTC));

        assertThat(later.verify(issued)).isEmpty();
    }

    @Test
    void ids_that_would_break_the_token_apart_are_refused_when_issuing() {
        assertThatThrownBy(() -> tokens.issue("acme", "shop", "u-a|b")).hasMessageContaining("without '|'");
        assertThatThrownBy(() -> VisitorTokens.fromWorkspaceKey(" ", Duration.ofDays(1), Clock.systemUTC()))
                .hasMessageContaining("parley.workspace.secret-key");
    }
}
