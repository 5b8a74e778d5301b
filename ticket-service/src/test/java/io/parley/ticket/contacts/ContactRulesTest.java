package io.parley.ticket.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactRulesTest {

    @Test
    void an_identity_key_names_a_known_channel_anything_else_is_a_phone_an_id_or_a_contact_id() {
        assertThat(Identity.parse("whatsapp:4915112345678")).contains(new Identity("whatsapp", "4915112345678"));
        assertThat(Identity.parse("api:shop:u-1")).contains(new Identity("api", "shop:u-1"));
        assertThat(Identity.parse("+4915112345678")).isEmpty();
        assertThat(Identity.parse("fax:123")).isEmpty();
        assertThat(Identity.parse("api:")).isEmpty();
        assertThat(Identity.parse(":u-1")).isEmpty();
        assertThat(new Identity("web", "v-9").key()).isEqualTo("web:v-9");
    }

    @Test
    void attributes_are_named_bounded_and_valued() {
        assertThat(ContactRules.attributeProblems(Map.of("plan", "gold", "city", "Lisbon"))).isEmpty();
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put(" ", "x");
        bad.put("note", null);
        bad.put("essay", "x".repeat(ContactRules.MAX_VALUE_LENGTH + 1));
        assertThat(ContactRules.attributeProblems(bad)).hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("names are 1 to 64"))
                .anySatisfy(p -> assertThat(p).contains("'note' has no value"))
                .anySatisfy(p -> assertThat(p).contains("'essay' is longer"));
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= ContactRules.MAX_ATTRIBUTES; i++) {
            many.put("a" + i, "v");
        }
        assertThat(ContactRules.attributeProblems(many)).containsExactly("at most 50 attributes, not 51");
    }

    @Test
    void an_identity_needs_a_known_channel_and_an_id() {
        assertThat(ContactRules.identityProblems("whatsapp", "4915112345678")).isEmpty();
        assertThat(ContactRules.identityProblems("fax", " ")).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("unknown channel 'fax'"))
                .anySatisfy(p -> assertThat(p).contains("'channelUserId' is required"));
    }

    @Test
    void merging_keeps_the_kept_contacts_values_and_fills_in_the_others() {
        assertThat(ContactRules.mergedAttributes(Map.of("plan", "gold"), Map.of("plan", "free", "city", "Porto")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("plan", "gold", "city", "Porto"));
    }
}
