package io.parley.ingest.outbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.parley.events.Event;
import io.parley.events.Topics;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.Author;
import io.parley.events.conversation.ConversationEvent.AuthorKind;
import io.parley.events.conversation.ConversationEvent.DeliveryOutcome;
import io.parley.events.conversation.ConversationEvent.MessageDelivery;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.envelope.EventCodec;
import io.parley.events.kafka.DeadLetterHeaders;
import io.parley.ingest.FakeGraphApiResource;
import io.parley.testkit.graph.FakeGraphApi;
import io.parley.testkit.graph.RecordedRequest;
import io.parley.testkit.kafka.KafkaTestResource;
import io.parley.testkit.kafka.SharedKafka;
import io.parley.testkit.kafka.TopicMark;
import io.parley.testkit.kafka.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(FakeGraphApiResource.class)
class OutboundIT {

    private static final String SUBJECT = "whatsapp:106540352242922:16505551234";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TopicProbe PROBE = new TopicProbe(SharedKafka.bootstrapServers());

    private final FakeGraphApi graph = FakeGraphApiResource.api();

    @BeforeEach
    void resetGraph() {
        graph.reset();
    }

    @AfterAll
    static void closeProbe() {
        PROBE.close();
    }

    private static Event outbound(String messageId) {
        return new Event(UUID.randomUUID().toString(), "/bot", SUBJECT, Instant.now(), "acme", null,
                new MessageOutbound(messageId, new Author(AuthorKind.BOT, null), Content.text("Your order ships today"),
                        null, null));
    }

    private static MessageDelivery deliveryOf(TopicMark mark, String messageId) {
        byte[] value = PROBE.await(mark, 1, record -> TopicProbe.valueContains("parley.message.delivery.v1").test(record)
                && TopicProbe.valueContains(messageId).test(record), WAIT).get(0).value();
        return (MessageDelivery) EventCodec.decode(value).orElseThrow().data();
    }

    private static void append(Event event) {
        PROBE.append(Topics.CONVERSATION_EVENTS, event.subject(), EventCodec.encode(event));
    }

    private long sendsOf(String text) {
        return graph.requests().stream().map(RecordedRequest::bodyAsString).filter(b -> b.contains(text)).count();
    }

    @Test
    void rateLimitedThenAccepted() {
        graph.nextRateLimited(130429).nextAccepted("wamid.after-retry");
        TopicMark mark = PROBE.mark(Topics.CONVERSATION_EVENTS);

        append(outbound("out-429"));

        MessageDelivery delivery = deliveryOf(mark, "out-429");
        assertThat(delivery.outcome()).isEqualTo(DeliveryOutcome.ACCEPTED);
        assertThat(delivery.channelMessageId()).isEqualTo("wamid.after-retry");
        assertThat(graph.requests()).hasSize(2);
        RecordedRequest request = graph.requests().get(1);
        assertThat(request.path()).isEqualTo("/106540352242922/messages");
        assertThat(request.header("Authorization")).contains("Bearer test-whatsapp-token");
        assertThat(request.bodyAsString()).contains("\"to\":\"16505551234\"", "Your order ships today");
    }

    @Test
    void outsideTheWindowFailsFast() {
        graph.nextReengagementRequired();
        TopicMark mark = PROBE.mark(Topics.CONVERSATION_EVENTS);

        append(outbound("out-131047"));

        MessageDelivery delivery = deliveryOf(mark, "out-131047");
        assertThat(delivery.outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(delivery.error().code()).isEqualTo(131047);
        assertThat(delivery.error().retryable()).isFalse();
        assertThat(graph.requests()).hasSize(1);
    }

    @Test
    void anUnreadableRecordIsParkedWithItsReasonAndDeliveriesGoOn() {
        SharedKafka.broker().createTopics(Map.of(OutboundConsumer.DEAD_LETTER_TOPIC, 1));
        TopicMark parkedFrom = PROBE.mark(OutboundConsumer.DEAD_LETTER_TOPIC);
        TopicMark mark = PROBE.mark(Topics.CONVERSATION_EVENTS);

        PROBE.append(Topics.CONVERSATION_EVENTS, SUBJECT, "{not json".getBytes(StandardCharsets.UTF_8));
        append(outbound("out-after-poison")); // same key, so same partition: read after the poison record

        assertThat(deliveryOf(mark, "out-after-poison").outcome()).isEqualTo(DeliveryOutcome.ACCEPTED);
        ConsumerRecord<String, byte[]> parked = PROBE.await(parkedFrom, 1, record -> true, WAIT).get(0);
        assertThat(new String(parked.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(new String(parked.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8))
                .contains("not JSON");
        assertThat(new String(parked.headers().lastHeader(DeadLetterHeaders.TOPIC).value(), StandardCharsets.UTF_8))
                .isEqualTo(Topics.CONVERSATION_EVENTS);
    }

    @Test
    void redeliveredOutboundIsNotSentTwice() {
        Event first = outbound("out-once");
        TopicMark mark = PROBE.mark(Topics.CONVERSATION_EVENTS);
        append(first);
        deliveryOf(mark, "out-once");

        TopicMark again = PROBE.mark(Topics.CONVERSATION_EVENTS);
        append(first);
        append(outbound("out-after")); // same key, so same partition: handled after the redelivery
        deliveryOf(again, "out-after");

        assertThat(graph.requests()).hasSize(2);
    }

    /** #14 findings 5 and 7: an outbound event without id or content used to throw and stop every later send. */
    @Test
    void anOutboundWithoutIdOrContentIsParkedAndCountedAndSendingGoesOn() {
        SharedKafka.broker().createTopics(Map.of(OutboundConsumer.DEAD_LETTER_TOPIC, 1));
        TopicMark parkedFrom = PROBE.mark(OutboundConsumer.DEAD_LETTER_TOPIC);
        TopicMark mark = PROBE.mark(Topics.CONVERSATION_EVENTS);
        Event noId = new Event(UUID.randomUUID().toString(), "/bot", SUBJECT, Instant.now(), "acme", null,
                new MessageOutbound(null, new Author(AuthorKind.BOT, null), Content.text("no id"), null, null));
        Event noContent = new Event(UUID.randomUUID().toString(), "/bot", SUBJECT, Instant.now(), "acme", null,
                new MessageOutbound("out-no-content", new Author(AuthorKind.BOT, null), null, null, null));

        append(noId);
        append(noContent);
        append(outbound("out-after-unsendable")); // same key, so same partition: read after both

        assertThat(deliveryOf(mark, "out-after-unsendable").outcome()).isEqualTo(DeliveryOutcome.ACCEPTED);
        assertThat(PROBE.await(parkedFrom, 2, record -> true, WAIT)).extracting(record -> new String(
                record.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8))
                .allSatisfy(reason -> assertThat(reason).contains("no messageId or no content"));
        given().get("/q/metrics").then().body(containsString("parley_dead_letters_total{reason=\"unprocessable\","
                + "service=\"ingest\",topic=\"conversation-events\"}"));
        assertThat(graph.requests()).hasSize(1);
    }
}
