package io.parley.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.ids.EventIds;
import io.parley.ingest.normalize.Fixtures;
import io.parley.ingest.normalize.InvalidWebhookException;
import io.parley.ingest.normalize.Normalization;
import io.parley.ingest.normalize.WebhookNormalizer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApiChannelNormalizerTest {

    private static Normalization normalize(String json) {
        return Fixtures.NORMALIZER.normalizeApi("web-widget", WebhookNormalizer.parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void textAttachmentsAndContext() {
        Normalization result = normalize("""
                {"messageId":"m-1","user":{"id":"u:42","name":"Ana"},"text":"Olá 👋",
                 "attachments":[{"type":"image","url":"https://cdn/x.png","mimeType":"image/png"}],
                 "context":{"pageUrl":"https://shop.example/cart","locale":"pt-PT"},"timestamp":"2026-11-22T09:00:00Z"}""");

        assertThat(result.events()).hasSize(2);
        Event text = result.events().get(0);
        assertThat(text.subject()).isEqualTo("api:web-widget:u:42");
        assertThat(text.id()).isEqualTo(EventIds.forChannelMessage(Channel.API, "m-1"));
        assertThat(text.source()).isEqualTo("/ingest/api");
        MessageReceived received = (MessageReceived) text.data();
        assertThat(received.content().text()).isEqualTo("Olá 👋");
        assertThat(received.context().pageUrl()).isEqualTo("https://shop.example/cart");
        assertThat(received.context().locale()).isEqualTo("pt-PT");
        assertThat(received.contact().name()).isEqualTo("Ana");
        MessageReceived image = (MessageReceived) result.events().get(1).data();
        assertThat(image.channelMessageId()).isEqualTo("m-1#1");
        assertThat(image.content().url()).isEqualTo("https://cdn/x.png");
    }

    @Test
    void timeDefaultsToTheClock() {
        Event event = normalize("{\"messageId\":\"m-2\",\"user\":{\"id\":\"u\"},\"text\":\"hi\"}").events().get(0);
        assertThat(event.time()).isEqualTo(Fixtures.CLOCK.instant());
    }

    @Test
    void requiredFieldsAreExplained() {
        assertThatThrownBy(() -> normalize("{\"user\":{\"id\":\"u\"},\"text\":\"hi\"}"))
                .isInstanceOf(InvalidWebhookException.class).hasMessageContaining("messageId");
        assertThatThrownBy(() -> normalize("{\"messageId\":\"m\",\"user\":{\"id\":\"u\"}}"))
                .isInstanceOf(InvalidWebhookException.class).hasMessageContaining("neither text nor attachments");
        assertThatThrownBy(() -> normalize("{\"messageId\":\"m\",\"user\":{\"id\":\"u\"},\"attachments\":[{\"type\":\"gif\"}]}"))
                .isInstanceOf(InvalidWebhookException.class).hasMessageContaining("gif");
    }

    @Test
    void notJsonIsInvalid() {
        assertThatThrownBy(() -> WebhookNormalizer.parse("hello".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidWebhookException.class).hasMessageContaining("not JSON");
    }
}
