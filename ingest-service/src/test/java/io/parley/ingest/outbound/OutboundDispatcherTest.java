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

    private static final ChannelRegistry REGISTRY = ChannelRegistry.fromProperties(Map.of(
            "parley.channels.whatsapp.accounts.106540352242922.tenant", "acme",
            "parley.channels.whatsapp.accounts.106540352242922.access-token", "token"));

    private final Deque<SendResult> script = new ArrayDeque<>();
    private final List<MessageOutbound> sent = new ArrayList<>();
    private final List<Duration> pauses = new ArrayList<>();
    private final DeliveryLedger ledger = new DeliveryLedger();
    private final OutboundDispatcher dispatcher = new OutboundDispatcher(REGISTRY,
            (conversation, account, message) -> {
                sent.add(message);
                return script.isEmpty() ? SendResult.accepted("wamid.ok") : script.poll();
            },
            new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1)), pauses::add, ledger, Fixtures.CLOCK);

    private static Event outbound(String messageId, AuthorKind author) {
        return new Event("evt-" + messageId, "/bot", "whatsapp:106540352242922:16505551234",
                Instant.parse("2026-11-22T10:00:00Z"), "acme", null,
                new MessageOutbound(messageId, new Author(author, null), Content.text("hi"), null, null));
    }

    private MessageDelivery deliveryOf(Event event) {
        return (MessageDelivery) dispatcher.dispatch(event).orElseThrow().data();
    }

    @Test
    void acceptedSendBecomesAnAcceptedDeliveryCausedByTheOutbound() {
        Event event = outbound("msg-1", AuthorKind.BOT);
        Event delivery = dispatcher.dispatch(event).orElseThrow();

        assertThat(delivery.causationId()).isEqualTo(event.id());
        assertThat(delivery.subject()).isEqualTo(event.subject());
        assertThat(delivery.data()).isEqualTo(new MessageDelivery("msg-1", DeliveryOutcome.ACCEPTED, "wamid.ok", null));
    }

    @Test
    void retryableFailuresAreRetriedWithBackoff() {
        script.add(SendResult.failed(130429, "Rate limit hit", true));
        script.add(SendResult.failed(null, "HTTP 503", true));

        assertThat(deliveryOf(outbound("msg-2", AuthorKind.AGENT)).outcome()).isEqualTo(DeliveryOutcome.ACCEPTED);
        assertThat(sent).hasSize(3);
        assertThat(pauses).hasSize(2);
        assertThat(pauses.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(pauses.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void permanentFailuresFailFastAndRetryableOnesGiveUpAfterTheLastAttempt() {
        script.add(SendResult.failed(131047, "Re-engagement message", false));
        MessageDelivery permanent = deliveryOf(outbound("msg-3", AuthorKind.BOT));
        assertThat(permanent.outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(permanent.error().code()).isEqualTo(131047);
        assertThat(sent).hasSize(1);

        for (int i = 0; i < 3; i++) {
            script.add(SendResult.failed(null, "HTTP 500", true));
        }
        MessageDelivery exhausted = deliveryOf(outbound("msg-4", AuthorKind.BOT));
        assertThat(exhausted.error().retryable()).isTrue();
        assertThat(sent).hasSize(4);
    }

    @Test
    void neverSendsTwiceNorSendsEchoes() {
        Event event = outbound("msg-5", AuthorKind.BOT);
        dispatcher.dispatch(event);

        assertThat(dispatcher.dispatch(event)).isEmpty();
        assertThat(dispatcher.dispatch(outbound("echo", AuthorKind.EXTERNAL))).isEmpty();
        assertThat(sent).hasSize(1);
    }

    @Test
    void deliveriesSeenInTheLogCountAsSent() {
        ledger.observe(new Event("d", "/ingest/whatsapp", "whatsapp:106540352242922:16505551234", Instant.EPOCH,
                "acme", null, new MessageDelivery("msg-6", DeliveryOutcome.ACCEPTED, "wamid.old", null)));

        assertThat(dispatcher.dispatch(outbound("msg-6", AuthorKind.BOT))).isEmpty();
        assertThat(sent).isEmpty();
    }

    @Test
    void unknownAccountFailsPermanently() {
        Event event = new Event("e", "/bot", "whatsapp:999:1", Instant.EPOCH, "acme", null,
                new MessageOutbound("msg-7", new Author(AuthorKind.BOT, null), Content.text("x"), null, null));
        assertThat(deliveryOf(event).error().title()).contains("no account whatsapp:999");
    }

    @Test
    void aConversationOfAnotherTenantIsNeverSentThroughTheAccount() {
        Event event = new Event("e-other", "/bot", "whatsapp:106540352242922:16505551234", Instant.EPOCH, "globex", null,
                new MessageOutbound("msg-8", new Author(AuthorKind.AGENT, null), Content.text("x"), null, null));

        MessageDelivery delivery = deliveryOf(event);

        assertThat(delivery.outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(delivery.error().title()).contains("belongs to another tenant");
        assertThat(sent).isEmpty();
    }
}
