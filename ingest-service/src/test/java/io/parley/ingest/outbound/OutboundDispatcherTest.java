package io.parley.ingest.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.Event;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.Author;
import io.parley.events.conversation.ConversationEvent.AuthorKind;
import io.parley.events.conversation.ConversationEvent.DeliveryOutcome;
import io.parley.events.conversation.ConversationEvent.MessageDelivery;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.ingest.channel.ChannelRegistry;
import io.parley.ingest.normalize.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboundDispatcherTest {

    private static final String SUBJECT = "whatsapp:106540352242922:16505551234";
    private static final ChannelRegistry REGISTRY = ChannelRegistry.fromProperties(Map.of(
            "parley.channels.whatsapp.accounts.106540352242922.tenant", "acme",
            "parley.channels.whatsapp.accounts.106540352242922.access-token", "token"));

    private final Deque<SendResult> script = new ArrayDeque<>();
    private final List<MessageOutbound> sent = new ArrayList<>();
    private final List<Duration> pauses = new ArrayList<>();
    private final List<DeliveryLedger.Entry> journal = new ArrayList<>();
    /** What the journal held when each send was made. */
    private final List<List<DeliveryLedger.Entry>> journalAtSend = new ArrayList<>();
    private final DeliveryLedger ledger = new DeliveryLedger(journal::add, Fixtures.CLOCK, Duration.ofDays(7));
    private final OutboundDispatcher dispatcher = new OutboundDispatcher(REGISTRY,
            (conversation, account, message) -> {
                sent.add(message);
                journalAtSend.add(List.copyOf(journal));
                return script.isEmpty() ? SendResult.accepted("wamid.ok") : script.poll();
            },
            new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1)), pauses::add, ledger, Fixtures.CLOCK);

    private static Event outbound(String messageId, AuthorKind author) {
        return outbound("acme", SUBJECT, messageId, author);
    }

    private static Event outbound(String tenant, String subject, String messageId, AuthorKind author) {
        return new Event("evt-" + tenant + subject + messageId, "/bot", subject, Instant.parse("2026-11-22T10:00:00Z"),
                tenant, null, new MessageOutbound(messageId, new Author(author, null), Content.text("hi"), null, null));
    }

    private Event deliveryEventOf(Event event) {
        Dispatch dispatch = dispatcher.dispatch(event);
        assertThat(dispatch).isInstanceOf(Dispatch.Deliver.class);
        Dispatch.Deliver deliver = (Dispatch.Deliver) dispatch;
        dispatcher.settled(deliver.key());
        return deliver.delivery();
    }

    private MessageDelivery deliveryOf(Event event) {
        return (MessageDelivery) deliveryEventOf(event).data();
    }

    @Test
    void acceptedSendBecomesAnAcceptedDeliveryCausedByTheOutbound() {
        Event event = outbound("msg-1", AuthorKind.BOT);
        Event delivery = deliveryEventOf(event);

        assertThat(delivery.causationId()).isEqualTo(event.id());
        assertThat(delivery.subject()).isEqualTo(event.subject());
        assertThat(delivery.data()).isEqualTo(new MessageDelivery("msg-1", DeliveryOutcome.ACCEPTED, "wamid.ok", null));
    }

    @Test
    void theAttemptIsJournalledBeforeTheChannelIsCalledAndSettledAfter() {
        deliveryOf(outbound("msg-j", AuthorKind.BOT));

        OutboundKey key = new OutboundKey("acme", SUBJECT, "msg-j");
        assertThat(journalAtSend).singleElement().satisfies(atSend -> assertThat(atSend)
                .extracting(DeliveryLedger.Entry::key, DeliveryLedger.Entry::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(key, DeliveryLedger.State.ATTEMPTED)));
        assertThat(journal).extracting(DeliveryLedger.Entry::state)
                .containsExactly(DeliveryLedger.State.ATTEMPTED, DeliveryLedger.State.SETTLED);
    }

    @Test
    void failuresThatProveNothingWasTakenAreRetriedWithBackoff() {
        script.add(SendResult.failed(130429, "Rate limit hit", true));
        script.add(SendResult.failed(null, "could not connect", true));

        assertThat(deliveryOf(outbound("msg-2", AuthorKind.AGENT)).outcome()).isEqualTo(DeliveryOutcome.ACCEPTED);
        assertThat(sent).hasSize(3);
        assertThat(pauses).hasSize(2);
        assertThat(pauses.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(pauses.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void anUnknownOutcomeIsNeverResentAutomatically() {
        script.add(SendResult.unknown(null, "HTTP 503"));

        MessageDelivery delivery = deliveryOf(outbound("msg-503", AuthorKind.AGENT));

        assertThat(sent).hasSize(1);
        assertThat(delivery.outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(delivery.error().title()).startsWith("outcome unknown");
        assertThat(delivery.error().retryable()).isTrue();
    }

    @Test
    void permanentFailuresFailFastAndRetryableOnesGiveUpAfterTheLastAttempt() {
        script.add(SendResult.failed(131047, "Re-engagement message", false));
        MessageDelivery permanent = deliveryOf(outbound("msg-3", AuthorKind.BOT));
        assertThat(permanent.outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(permanent.error().code()).isEqualTo(131047);
        assertThat(sent).hasSize(1);

        for (int i = 0; i < 3; i++) {
            script.add(SendResult.failed(130429, "Rate limit hit", true));
        }
        MessageDelivery exhausted = deliveryOf(outbound("msg-4", AuthorKind.BOT));
        assertThat(exhausted.error().retryable()).isTrue();
        assertThat(sent).hasSize(4);
    }

    @Test
    void neverSendsTwiceNorSendsEchoes() {
        Event event = outbound("msg-5", AuthorKind.BOT);
        deliveryOf(event);

        assertThat(dispatcher.dispatch(event)).isEqualTo(new Dispatch.Skip(OutboundDispatcher.DUPLICATE));
        assertThat(dispatcher.dispatch(outbound("echo", AuthorKind.EXTERNAL))).isEqualTo(new Dispatch.Skip(null));
        assertThat(sent).hasSize(1);
    }

    @Test
    void anAttemptWhoseOutcomeWasNeverRecordedFailsAsUnknownInsteadOfSendingAgain() {
        ledger.apply(new DeliveryLedger.Entry(new OutboundKey("acme", SUBJECT, "msg-crash"),
                DeliveryLedger.State.ATTEMPTED, Fixtures.CLOCK.instant()));

        MessageDelivery delivery = deliveryOf(outbound("msg-crash", AuthorKind.BOT));

        assertThat(sent).isEmpty();
        assertThat(delivery.outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(delivery.error().title()).startsWith("outcome unknown");
    }

    @Test
    void deliveriesSeenInTheLogCountAsSent() {
        ledger.observe(new Event("d", "/ingest/whatsapp", SUBJECT, Instant.parse("2026-11-22T09:00:00Z"),
                "acme", null, new MessageDelivery("msg-6", DeliveryOutcome.ACCEPTED, "wamid.old", null)));

        assertThat(dispatcher.dispatch(outbound("msg-6", AuthorKind.BOT)))
                .isEqualTo(new Dispatch.Skip(OutboundDispatcher.DUPLICATE));
        assertThat(sent).isEmpty();
    }

    /** #14 finding 1: a message id is only unique in its tenant and conversation. */
    @Test
    void anotherTenantsOrConversationsDeliveryOfTheSameIdDoesNotStopThisOne() {
        ledger.observe(new Event("d-other", "/ingest/whatsapp", "whatsapp:106540352242922:999", Fixtures.CLOCK.instant(),
                "globex", null, new MessageDelivery("msg-shared", DeliveryOutcome.ACCEPTED, "wamid.theirs", null)));
        ledger.observe(new Event("d-other2", "/ingest/whatsapp", "whatsapp:106540352242922:999", Fixtures.CLOCK.instant(),
                "acme", null, new MessageDelivery("msg-shared", DeliveryOutcome.ACCEPTED, "wamid.theirs", null)));

        assertThat(deliveryOf(outbound("msg-shared", AuthorKind.AGENT)).outcome()).isEqualTo(DeliveryOutcome.ACCEPTED);
        assertThat(sent).hasSize(1);
    }

    @Test
    void outboundEventsWithoutIdOrContentAreParkedNotThrown() {
        Event noId = new Event("e-no-id", "/bot", SUBJECT, Fixtures.CLOCK.instant(), "acme", null,
                new MessageOutbound(null, new Author(AuthorKind.BOT, null), Content.text("x"), null, null));
        Event noContent = new Event("e-no-content", "/bot", SUBJECT, Fixtures.CLOCK.instant(), "acme", null,
                new MessageOutbound("m", new Author(AuthorKind.BOT, null), null, null, null));

        assertThat(dispatcher.dispatch(noId)).isInstanceOf(Dispatch.Park.class);
        assertThat(dispatcher.dispatch(noContent)).isInstanceOf(Dispatch.Park.class);
        assertThat(sent).isEmpty();
    }

    @Test
    void outboundEventsOlderThanTheHorizonAreNotSent() {
        Event old = new Event("e-old", "/bot", SUBJECT, Fixtures.CLOCK.instant().minus(Duration.ofDays(8)), "acme",
                null, new MessageOutbound("m-old", new Author(AuthorKind.BOT, null), Content.text("x"), null, null));

        assertThat(dispatcher.dispatch(old)).isEqualTo(new Dispatch.Skip(OutboundDispatcher.EXPIRED));
        assertThat(sent).isEmpty();
    }

    @Test
    void unknownAccountFailsPermanently() {
        Event event = new Event("e", "/bot", "whatsapp:999:1", Fixtures.CLOCK.instant(), "acme", null,
                new MessageOutbound("msg-7", new Author(AuthorKind.BOT, null), Content.text("x"), null, null));
        assertThat(deliveryOf(event).error().title()).contains("no account whatsapp:999");
    }

    @Test
    void aConversationOfAnotherTenantIsNeverSentThroughTheAccount() {
        MessageDelivery delivery = deliveryOf(outbound("globex", SUBJECT, "msg-8", AuthorKind.AGENT));

        assertThat(delivery.outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(delivery.error().title()).contains("belongs to another tenant");
        assertThat(sent).isEmpty();
    }
}
