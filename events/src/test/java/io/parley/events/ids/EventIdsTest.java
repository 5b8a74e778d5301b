package io.parley.events.ids;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.Channel;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void a_channel_message_always_gets_the_same_version_5_id() {
        String first = EventIds.forChannelMessage(Channel.WHATSAPP, "wamid.ABC");
        String retry = EventIds.forChannelMessage(Channel.WHATSAPP, "wamid.ABC");

        assertThat(retry).isEqualTo(first);
        assertThat(UUID.fromString(first).version()).isEqualTo(5);
        assertThat(UUID.fromString(first).variant()).isEqualTo(2);
    }

    @Test
    void ids_differ_by_channel_message_and_status() {
        assertThat(EventIds.forChannelMessage(Channel.MESSENGER, "m1"))
                .isNotEqualTo(EventIds.forChannelMessage(Channel.INSTAGRAM, "m1"))
                .isNotEqualTo(EventIds.forChannelMessage(Channel.MESSENGER, "m2"))
                .isNotEqualTo(EventIds.forChannelStatus(Channel.MESSENGER, "m1", "read"));
        assertThat(EventIds.forChannelStatus(Channel.WHATSAPP, "m1", "read"))
                .isNotEqualTo(EventIds.forChannelStatus(Channel.WHATSAPP, "m1", "delivered"));
    }

    @Test
    void matches_the_rfc_4122_algorithm_for_a_known_namespace_and_name() {
        // Python: uuid.uuid5(uuid.UUID('8a5f5d0e-5b1c-4c9e-9f64-2f0d1c3e7a10'), 'whatsapp:wamid.ABC')
        assertThat(EventIds.forChannelMessage(Channel.WHATSAPP, "wamid.ABC"))
                .isEqualTo(PYTHON_UUID5_OF_WHATSAPP_WAMID_ABC);
    }

    @Test
    void derived_ids_are_stable_per_cause_and_purpose() {
        assertThat(EventIds.derived("cause", "answer")).isEqualTo(EventIds.derived("cause", "answer"))
                .isNotEqualTo(EventIds.derived("cause", "outbound"));
    }

    private static final String PYTHON_UUID5_OF_WHATSAPP_WAMID_ABC = "0cc63d99-7310-599c-8422-185ab73bf8a3";
}
