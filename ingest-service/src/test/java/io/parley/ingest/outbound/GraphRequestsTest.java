package io.parley.ingest.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.events.conversation.Content;
import io.parley.events.conversation.Content.Option;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphRequestsTest {

    @Test
    void whatsappTextReplyMediaAndTemplate() {
        assertThat(GraphRequests.whatsapp("165", Content.text("hi"), "wamid.Q", "msg-1").toString()).isEqualTo(
                "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"165\","
                        + "\"biz_opaque_callback_data\":\"msg-1\","
                        + "\"context\":{\"message_id\":\"wamid.Q\"},\"type\":\"text\",\"text\":{\"body\":\"hi\",\"preview_url\":false}}");
        assertThat(GraphRequests.whatsapp("165", Content.builder("document").url("https://x/a.pdf")
                .filename("a.pdf").caption("c").build(), null, "msg-2").get("document").toString())
                .isEqualTo("{\"link\":\"https://x/a.pdf\",\"caption\":\"c\",\"filename\":\"a.pdf\"}");
        assertThat(GraphRequests.whatsapp("165", Content.builder(Content.TEMPLATE)
                .template(new Content.Template("order_update", "pt_PT", List.of("4412"))).build(), null, "msg-3")
                .get("template").toString()).isEqualTo("{\"name\":\"order_update\",\"language\":{\"code\":\"pt_PT\"},"
                + "\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"4412\"}]}]}");
    }

    @Test
    void aMessageIdLongerThanWhatsappTakesIsLeftOutRatherThanHaveTheSendRefused() {
        String longest = "m".repeat(GraphRequests.WHATSAPP_CALLBACK_DATA_MAX);
        assertThat(GraphRequests.whatsapp("165", Content.text("hi"), null, longest)
                .get("biz_opaque_callback_data").asText()).isEqualTo(longest);
        assertThat(GraphRequests.whatsapp("165", Content.text("hi"), null, longest + "m")
                .has("biz_opaque_callback_data")).isFalse();
    }

    @Test
    void whatsappMenusAreButtonsUpToThreeThenLists() {
        List<Option> three = List.of(new Option("a", "A", null), new Option("b", "B", null), new Option("c", "C", null));
        assertThat(GraphRequests.whatsapp("1", Content.menu("Pick", three), null, "msg-4")
                .at("/interactive/type").asText())
                .isEqualTo("button");
        List<Option> four = List.of(new Option("a", "A", "first"), new Option("b", "B", null),
                new Option("c", "C", null), new Option("d", "D", null));
        var list = GraphRequests.whatsapp("1", Content.menu("Pick", four), null, "msg-5");
        assertThat(list.at("/interactive/type").asText()).isEqualTo("list");
        assertThat(list.at("/interactive/action/sections/0/rows/0/description").asText()).isEqualTo("first");
    }

    @Test
    void messengerCarriesMetadataForEchoRecognition() {
        var body = GraphRequests.messaging("psid", Content.menu("Pick", List.of(new Option("yes", "Yes", null))),
                "msg-1", false);
        assertThat(body.toString()).isEqualTo("{\"recipient\":{\"id\":\"psid\"},\"messaging_type\":\"RESPONSE\","
                + "\"message\":{\"text\":\"Pick\",\"quick_replies\":[{\"content_type\":\"text\",\"title\":\"Yes\","
                + "\"payload\":\"yes\"}],\"metadata\":\"parley:msg-1\"}}");
        assertThat(GraphRequests.messaging("psid", Content.text("x"), "m", true).get("tag").asText())
                .isEqualTo("HUMAN_AGENT");
        assertThatThrownBy(() -> GraphRequests.messaging("psid", Content.builder(Content.TEMPLATE).build(), "m", false))
                .isInstanceOf(GraphRequests.UnsendableException.class);
    }

    @Test
    void graphErrorsAreClassified() {
        byte[] reengagement = "{\"error\":{\"message\":\"(#131047) Re-engagement message\",\"code\":131047,\"error_data\":{\"details\":\"24h\"}}}"
                .getBytes(StandardCharsets.UTF_8);
        SendResult permanent = GraphErrors.fromReply(400, reengagement);
        assertThat(permanent.error().code()).isEqualTo(131047);
        assertThat(permanent.error().title()).isEqualTo("(#131047) Re-engagement message: 24h");
        assertThat(permanent.isSafeToRetry()).isFalse();
        assertThat(GraphErrors.fromReply(400, "{\"error\":{\"code\":131056}}".getBytes(StandardCharsets.UTF_8))
                .isSafeToRetry()).isTrue();
        assertThat(GraphErrors.fromReply(429, new byte[0]).isSafeToRetry()).isTrue();
        // a 5xx may come after the message was taken: retryable by a person, never resent automatically
        SendResult serverError = GraphErrors.fromReply(502, "<html>".getBytes(StandardCharsets.UTF_8));
        assertThat(serverError.error().title()).endsWith("HTTP 502");
        assertThat(serverError.error().retryable()).isTrue();
        assertThat(serverError.isSafeToRetry()).isFalse();
    }

    @Test
    void throughputLimiterSpacesSendsPerNumber() throws InterruptedException {
        long[] now = {0};
        List<java.time.Duration> waits = new java.util.ArrayList<>();
        ThroughputLimiter limiter = new ThroughputLimiter(80, () -> now[0], waits::add);
        limiter.acquire("n1");
        limiter.acquire("n1");
        limiter.acquire("n2");
        assertThat(waits).containsExactly(java.time.Duration.ofNanos(12_500_000));
    }
}
