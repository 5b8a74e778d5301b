package io.parley.events.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static final String RECEIVED = """
            {"specversion":"1.0","id":"e1","source":"/ingest/whatsapp","type":"parley.message.received.v1",
             "subject":"whatsapp:1:2","time":"2026-11-22T10:00:00Z","tenant":"acme","datacontenttype":"application/json",
             "futureattribute":"x",
             "data":{"channel":"whatsapp","channelAccount":"1","channelMessageId":"m1",
                     "contact":{"channelUserId":"2","name":"Ana","nickname":"new field"},
                     "content":{"kind":"text","text":"hi","sparkles":true},"receivedAt":"2026-11-22T10:00:00Z"}}
            """;

    @Test
    void ignores_unknown_attributes_and_fields() {
        Event event = EventCodec.decode(bytes(RECEIVED)).orElseThrow();

        assertThat(event.type()).isEqualTo("parley.message.received.v1");
        MessageReceived received = (MessageReceived) event.data();
        assertThat(received.contact().name()).isEqualTo("Ana");
        assertThat(received.content().text()).isEqualTo("hi");
    }

    @Test
    void skips_unknown_types_without_throwing() {
        String future = RECEIVED.replace("parley.message.received.v1", "parley.message.teleported.v7");

        assertThat(EventCodec.decode(bytes(future))).isEmpty();
    }

    @Test
    void reads_unknown_enum_values_as_absent() {
        String status = """
                {"specversion":"1.0","id":"e2","source":"/ingest/whatsapp","type":"parley.message.status.v1",
                 "subject":"whatsapp:1:2","time":"2026-11-22T10:00:00Z","tenant":"acme",
                 "data":{"channelMessageId":"m1","status":"played"}}
                """;

        assertThat(EventCodec.decode(bytes(status))).hasValueSatisfying(event ->
                assertThat(event.data()).hasFieldOrPropertyWithValue("status", null));
    }

    @Test
    void rejects_what_is_not_a_cloud_event_with_a_reason() {
        assertThatThrownBy(() -> EventCodec.decode(bytes("not json")))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> EventCodec.decode(bytes("[1,2]")))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> EventCodec.decode(bytes(RECEIVED.replace("\"subject\":\"whatsapp:1:2\",", ""))))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("'subject'");
        assertThatThrownBy(() -> EventCodec.decode(bytes(RECEIVED.replace("2026-11-22T10:00:00Z\",\"tenant", "yesterday\",\"tenant"))))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("not readable");
        assertThatThrownBy(() -> EventCodec.decode(new byte[0]))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("empty");
    }

    @Test
    void round_trips_non_ascii_text() {
        Event event = EventCodec.decode(bytes(RECEIVED.replace("\"hi\"", "\"你好 😀 ¿dónde?\""))).orElseThrow();

        assertThat(EventCodec.decode(EventCodec.encode(event))).contains(event);
    }

    @Test
    void reads_only_the_types_asked_for_and_still_refuses_what_is_not_a_cloud_event() {
        Set<String> received = Set.of("parley.message.received.v1");
        String unreadableTime = RECEIVED.replace("2026-11-22T10:00:00Z\",\"tenant", "yesterday\",\"tenant");

        assertThat(EventCodec.decode(bytes(RECEIVED), received)).isEqualTo(EventCodec.decode(bytes(RECEIVED)));
        assertThat(EventCodec.decode(bytes(unreadableTime), Set.of("parley.message.outbound.v1"))).isEmpty();
        assertThatThrownBy(() -> EventCodec.decode(bytes(unreadableTime), received))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("not readable");
        assertThatThrownBy(() -> EventCodec.decode(bytes("not json"), received))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> EventCodec.decode(bytes(RECEIVED.replace("\"specversion\":\"1.0\",", "")), received))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("'specversion'");
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
