package io.parley.analytics.tally;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.Topics;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.Contact;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.envelope.EventCodec;
import io.parley.events.ids.ConversationId;
import io.parley.events.ids.EventIds;
import io.parley.events.kafka.DeadLetterHeaders;
import io.parley.events.kafka.EventSerializer;
import io.parley.testkit.auth.AgentApi;
import io.parley.testkit.kafka.KafkaTestResource;
import io.parley.testkit.kafka.SharedKafka;
import io.parley.testkit.kafka.TopicMark;
import io.parley.testkit.kafka.TopicProbe;
import io.parley.testkit.postgres.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Proof of the stack: an event appended to the real broker is read through the SmallRye channel and written with
 * JDBC to the real PostgreSQL, once however often it is delivered; poison records land in the DLQ.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class EventTallyIT {

    private final TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers());

    @AfterEach
    void closeProbe() {
        probe.close();
    }

    @Test
    void an_appended_event_is_consumed_and_stored_once_even_when_delivered_twice() {
        String tenant = "tenant-" + UUID.randomUUID();
        Event received = customerMessage(tenant, "wamid." + UUID.randomUUID());

        appendAsServicesDo(received);
        appendAsServicesDo(received);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAgentOf(tenant)
                .get("/api/v1/metrics/event-counts")
                .then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].type", equalTo("parley.message.received.v1"))
                .body("[0].count", equalTo(1)));
    }

    @Test
    void a_record_that_is_not_an_event_goes_to_the_dead_letter_topic_and_the_stream_keeps_flowing() {
        String deadLetters = Topics.deadLetter(Topics.CONVERSATION_EVENTS, "analytics");
        SharedKafka.broker().createTopics(Map.of(deadLetters, 1));
        TopicMark mark = probe.mark(deadLetters);
        String poisonKey = "poison-" + UUID.randomUUID();

        probe.append(Topics.CONVERSATION_EVENTS, poisonKey, "{not json".getBytes(StandardCharsets.UTF_8));
        String tenant = "tenant-" + UUID.randomUUID();
        Event afterPoison = customerMessage(tenant, "wamid." + UUID.randomUUID());
        appendAsServicesDo(afterPoison);

        ConsumerRecord<String, byte[]> parked = probe.await(mark, 1, TopicProbe.keyIs(poisonKey), Duration.ofSeconds(30)).get(0);
        assertThat(new String(parked.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(new String(parked.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8))
                .contains("not JSON");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAgentOf(tenant)
                .get("/api/v1/metrics/event-counts").then().body("[0].count", equalTo(1)));
        given().get("/q/metrics").then().statusCode(200).body(matchesPattern("(?s).*\\nparley_dead_letters_total\\{"
                + "reason=\"malformed\",service=\"analytics\",topic=\"conversation-events\"} [1-9].*"));
    }

    @Test
    void an_event_of_a_type_this_version_does_not_know_is_skipped_not_counted_nor_parked() {
        String deadLetters = Topics.deadLetter(Topics.CONVERSATION_EVENTS, "analytics");
        SharedKafka.broker().createTopics(Map.of(deadLetters, 1));
        TopicMark mark = probe.mark(deadLetters);
        String tenant = "tenant-" + UUID.randomUUID();
        Event known = customerMessage(tenant, "wamid." + UUID.randomUUID());
        String futureId = UUID.randomUUID().toString();
        // A well-formed envelope of a type a newer writer might append, on the same conversation (so the same partition,
        // read before the known event): old readers must keep flowing past it.
        String future = """
                {"specversion":"1.0","id":"%s","source":"/a-newer-service","type":"parley.conversation.translated.v1",
                 "subject":"%s","time":"2026-11-22T10:00:00Z","tenant":"%s","datacontenttype":"application/json",
                 "data":{"language":"fr"}}""".formatted(futureId, known.subject(), tenant);
        probe.append(Topics.CONVERSATION_EVENTS, known.subject(), future.getBytes(StandardCharsets.UTF_8),
                Map.of(EventSerializer.CONTENT_TYPE_HEADER, EventCodec.CONTENT_TYPE));
        appendAsServicesDo(known);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAgentOf(tenant)
                .get("/api/v1/metrics/event-counts").then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].type", equalTo("parley.message.received.v1")));
        assertThat(probe.between(mark, probe.mark(deadLetters))).noneMatch(TopicProbe.valueContains(futureId));
    }

    @Test
    void an_event_the_database_refuses_every_time_is_parked_with_its_reason_and_the_rest_of_its_batch_is_counted() {
        String deadLetters = Topics.deadLetter(Topics.CONVERSATION_EVENTS, "analytics");
        SharedKafka.broker().createTopics(Map.of(deadLetters, 1));
        TopicMark mark = probe.mark(deadLetters);
        // a readable event whose conversation id is longer than the tally's column (512): refused every time
        String tenant = "tenant-" + UUID.randomUUID();
        Event refused = customerMessage(tenant, "1".repeat(600), "wamid." + UUID.randomUUID());
        Event before = customerMessage(tenant, "wamid." + UUID.randomUUID());
        Event after = customerMessage(tenant, "wamid." + UUID.randomUUID());

        appendAsServicesDo(before);
        appendAsServicesDo(refused);
        appendAsServicesDo(after);

        ConsumerRecord<String, byte[]> parked = probe.await(mark, 1,
                TopicProbe.valueContains(refused.id()), Duration.ofSeconds(60)).get(0);
        assertThat(parked.value()).isEqualTo(EventCodec.encode(refused));
        assertThat(header(parked, DeadLetterHeaders.REASON)).contains("value too long");
        assertThat(header(parked, DeadLetterHeaders.EXCEPTION_CLASS)).isEqualTo("org.postgresql.util.PSQLException");
        assertThat(header(parked, DeadLetterHeaders.TOPIC)).isEqualTo(Topics.CONVERSATION_EVENTS);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAgentOf(tenant)
                .get("/api/v1/metrics/event-counts").then().body("[0].count", equalTo(2)));
        given().get("/q/metrics").then().statusCode(200).body(matchesPattern("(?s).*\\nparley_dead_letters_total\\{"
                + "reason=\"unprocessable\",service=\"analytics\",topic=\"conversation-events\"} [1-9].*"));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /**
     * A backlog appended at once is counted completely and once. Prints how fast (not asserted: a figure for
     * docs/performance.md); {@code -Dparley.tally.backlog=N} sets its size.
     */
    @Test
    void a_backlog_is_counted_completely_and_once() {
        int events = Integer.getInteger("parley.tally.backlog", 2_000);
        String tenant = "backlog-" + UUID.randomUUID();
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 10), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events; i++) {
                // ten messages per conversation, as customers write
                Event event = customerMessage(tenant, "customer-" + i / 10, "wamid." + tenant + "." + i);
                producer.send(new ProducerRecord<>(Topics.CONVERSATION_EVENTS, event.subject(),
                        EventCodec.encode(event)));
            }
        }

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                asAgentOf(tenant).get("/api/v1/metrics/event-counts").then().statusCode(200)
                        .body("[0].count", equalTo(events)));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "tally backlog: events=%d seconds=%.1f per_s=%.0f%n", events, seconds,
                events / seconds);
    }

    @Test
    void counts_are_only_for_the_callers_tenant() {
        String tenant = "tenant-" + UUID.randomUUID();
        Event received = customerMessage(tenant, "wamid." + UUID.randomUUID());
        appendAsServicesDo(received);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAgentOf(tenant)
                .get("/api/v1/metrics/event-counts").then().body("$", hasSize(1)));

        asAgentOf("another-" + tenant).get("/api/v1/metrics/event-counts").then().statusCode(200).body("$", hasSize(0));
        given().get("/api/v1/metrics/event-counts").then().statusCode(401);
    }

    private static RequestSpecification asAgentOf(String tenant) {
        return AgentApi.asAgent(tenant, "agent-1");
    }

    /**
     * With the {@code content-type} header the services' serializer writes: SmallRye's CloudEvents support reacts to
     * it, and once turned every event into a JsonObject this consumer could not read.
     */
    private void appendAsServicesDo(Event event) {
        probe.append(Topics.CONVERSATION_EVENTS, event.subject(), EventCodec.encode(event),
                Map.of(EventSerializer.CONTENT_TYPE_HEADER, EventCodec.CONTENT_TYPE));
    }

    private static Event customerMessage(String tenant, String channelMessageId) {
        return customerMessage(tenant, "16505551234", channelMessageId);
    }

    private static Event customerMessage(String tenant, String customer, String channelMessageId) {
        ConversationId conversation = ConversationId.whatsapp("106540352242922", customer);
        return new Event(EventIds.forChannelMessage(Channel.WHATSAPP, channelMessageId), "/ingest/whatsapp",
                conversation.toString(), Instant.parse("2026-11-22T10:00:00Z"), tenant, null,
                new MessageReceived(Channel.WHATSAPP, conversation.account(), channelMessageId,
                        new Contact(conversation.user(), "Sheena", null), Content.text("hello"), null, null, null,
                        Instant.parse("2026-11-22T10:00:00Z")));
    }
}
