package io.parley.events.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.events.Channel;
import org.junit.jupiter.api.Test;

class ConversationIdTest {

    @Test
    void formats_channel_account_and_user() {
        assertThat(ConversationId.whatsapp("1122334455667", "972987654321"))
                .hasToString("whatsapp:1122334455667:972987654321");
        assertThat(ConversationId.messenger("page", "psid")).hasToString("messenger:page:psid");
        assertThat(ConversationId.instagram("ig", "igsid")).hasToString("instagram:ig:igsid");
        assertThat(ConversationId.api("web", "user-1")).hasToString("api:web:user-1");
        assertThat(ConversationId.web("shop", "v-1")).hasToString("web:shop:v-1");
    }

    @Test
    void parses_what_it_formats_even_when_the_user_id_has_colons() {
        ConversationId id = ConversationId.parse("api:web:mailto:ana@example.com");

        assertThat(id.channel()).isEqualTo(Channel.API);
        assertThat(id.account()).isEqualTo("web");
        assertThat(id.user()).isEqualTo("mailto:ana@example.com");
        assertThat(ConversationId.parse(id.toString())).isEqualTo(id);
    }

    @Test
    void rejects_malformed_ids_clearly() {
        assertThatThrownBy(() -> ConversationId.parse("whatsapp:only-two"))
                .hasMessageContaining("channel:account:user");
        assertThatThrownBy(() -> ConversationId.parse("telegram:a:b"))
                .hasMessageContaining("unknown channel 'telegram'");
        assertThatThrownBy(() -> ConversationId.whatsapp(" ", "u")).hasMessageContaining("account");
    }
}
