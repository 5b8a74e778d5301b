package io.parley.ingest.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.edge.consumer.Failure;
import io.parley.edge.consumer.FailurePolicy;
import io.parley.edge.consumer.RecordProcessor;
import io.parley.edge.consumer.UnprocessableRecordException;
import io.parley.events.Event;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.Author;
import io.parley.events.conversation.ConversationEvent.AuthorKind;
import io.parley.events.conversation.ConversationEvent.DeliveryOutcome;
import io.parley.events.conversation.ConversationEvent.MessageDelivery;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.envelope.EventCodec;
import io.parley.events.envelope.MalformedEventException;
import io.parley.ingest.channel.ChannelRegistry;
import io.parley.ingest.kafka.LogUnavailableException;
import io.parley.ingest.normalize.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.junit.jupiter.api.Test;

/** The outbound consumer's per-record work under the shared failure policy (#14 finding 5). */
class OutboundHandlerTest {

    private static final String SUBJECT = "whatsapp:106540352242922:16505551234";
    private static final ChannelRegistry REGISTRY = ChannelRegistry.fromProperties(Map.of(
            "parley.channels.whatsapp.accounts.106540352242922.tenant", "acme",
            "parley.channels.whatsapp.accounts.106540352242922.access-token", "token"));

    private final List<MessageOutbound> sent = new ArrayList<>();
    private final List<Event> stored = new ArrayList<>();
    private final List<String> counted = new ArrayList<>();
    /** How many of the next journal or delivery writes fail as if the broker were away. */
    private int journalOutages;
    private int deliveryOutages;

    private final DeliveryLedger ledger = new DeliveryLedger(entry -> {
        if (journalOutages > 0) {
            journalOutages--;
            throw brokerAway();
        }
    }, Fixtures.CLOCK, Duration.ofDays(7));
    private final OutboundDispatcher dispatcher = new OutboundDispatcher(REGISTRY, (conversation, account, message) -> {
        sent.add(message);
        return SendResult.accepted("wamid.sent");
    }, new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1)), pause -> { }, ledger, Fixtures.CLOCK);
    private final OutboundHandler handler = new OutboundHandler(dispatcher, delivery -> {
        if (deliveryOutages > 0) {
            deliveryOutages--;
            throw brokerAway();
        }
        stored.add(delivery);
    }, (channel, outcome) -> counted.add(channel + ":" + outcome));

    private static LogUnavailableException brokerAway() {
        return new LogUnavailableException("Kafka did not store a record",
                new NotEnoughReplicasException("in-sync replicas below min.insync.replicas"));
    }

    private static ConsumerRecord<String, byte[]> record(byte[] value) {
        return new ConsumerRecord<>("conversation-events", 0, 0L, SUBJECT, value);
    }

    private static ConsumerRecord<String, byte[]> outbound(String messageId, Content content) {
        return record(EventCodec.encode(new Event("evt-" + messageId, "/bot", SUBJECT,
                Instant.parse("2026-11-22T10:00:00Z"), "acme", null,
                new MessageOutbound(messageId, new Author(AuthorKind.BOT, null), content, null, null))));
    }

    @Test
    void theBrokerAwayAfterTheSendStoresTheSendsOwnResultWithoutSendingAgain() throws Exception {
        ConsumerRecord<String, byte[]> record = outbound("out-1", Content.text("hi"));
        RecordProcessor.Work<ConsumerRecord<String, byte[]>> work = handler.forRecord();
        deliveryOutages = 2;

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> work.process(record)).isInstanceOf(LogUnavailableException.class)
                    .satisfies(failure -> assertThat(FailurePolicy.classify(failure))
                            .isEqualTo(Failure.TRANSIENT));
        }
        work.process(record);

        assertThat(sent).hasSize(1);
        assertThat(stored).singleElement().extracting(Event::data)
                .isEqualTo(new MessageDelivery("out-1", DeliveryOutcome.ACCEPTED, "wamid.sent", null));
        assertThat(ledger.stateOf(new OutboundKey("acme", SUBJECT, "out-1"))).contains(DeliveryLedger.State.SETTLED);
        assertThat(counted).containsExactly("whatsapp:accepted");
    }

    @Test
    void theBrokerAwayBeforeTheAttemptIsJournalledSendsNothingUntilItIs() throws Exception {
        ConsumerRecord<String, byte[]> record = outbound("out-2", Content.text("hi"));
        RecordProcessor.Work<ConsumerRecord<String, byte[]>> work = handler.forRecord();
        journalOutages = 1;

        assertThatThrownBy(() -> work.process(record)).isInstanceOf(LogUnavailableException.class);
        assertThat(sent).isEmpty();
        work.process(record);

        assertThat(sent).hasSize(1);
        assertThat(((MessageDelivery) stored.get(0).data()).outcome()).isEqualTo(DeliveryOutcome.ACCEPTED);
    }

    @Test
    void anOutboundThatCanNeverBeSentIsUnprocessableWithItsReason() {
        ConsumerRecord<String, byte[]> noContent = outbound("out-3", null);

        assertThatThrownBy(() -> handler.forRecord().process(noContent))
                .isInstanceOf(UnprocessableRecordException.class).hasMessageContaining("no messageId or no content");
        assertThat(sent).isEmpty();
        assertThat(stored).isEmpty();
    }

    @Test
    void aDeliveryOnTheLogSettlesItsMessageSoItIsNotSentAgain() throws Exception {
        // another instance sent it before a rebalance: its delivery is on the log before the outbound is read again
        handler.forRecord().process(record(EventCodec.encode(new Event("evt-delivery-5", "/ingest/whatsapp", SUBJECT,
                Instant.parse("2026-11-22T10:00:01Z"), "acme", "evt-out-5",
                new MessageDelivery("out-5", DeliveryOutcome.ACCEPTED, "wamid.5", null)))));
        handler.forRecord().process(outbound("out-5", Content.text("hi")));

        assertThat(sent).isEmpty();
        assertThat(counted).containsExactly("whatsapp:" + OutboundDispatcher.DUPLICATE);
    }

    @Test
    void anUnreadableEventOfATypeNotSentIsSkippedButAnUnreadableOutboundIsMalformed() throws Exception {
        handler.forRecord().process(record(envelope("parley.message.received.v1")));
        assertThat(sent).isEmpty();

        assertThatThrownBy(() -> handler.forRecord().process(record(envelope("parley.message.outbound.v1"))))
                .isInstanceOf(MalformedEventException.class);
    }

    /** A well-formed CloudEvent of {@code type} whose data is not that type's (a string, not an object). */
    private static byte[] envelope(String type) {
        return ("{\"specversion\":\"1.0\",\"id\":\"evt-bad\",\"source\":\"/test\",\"type\":\"" + type
                + "\",\"subject\":\"" + SUBJECT + "\",\"time\":\"2026-11-22T10:00:00Z\",\"tenant\":\"acme\","
                + "\"datacontenttype\":\"application/json\",\"data\":\"not the type's data\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anUnreadableRecordIsMalformed() {
        assertThatThrownBy(() -> handler.forRecord().process(record("{not json".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(MalformedEventException.class);
    }
}
