package io.parley.ingest.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.events.Event;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.Author;
import io.parley.events.conversation.ConversationEvent.AuthorKind;
import io.parley.events.conversation.ConversationEvent.DeliveryOutcome;
import io.parley.events.conversation.ConversationEvent.MessageDelivery;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.ingest.channel.ChannelRegistry;
import io.parley.ingest.kafka.DurableLog;
import io.parley.testkit.kafka.SharedKafka;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * #14 finding 7 on a real broker: one "process" journals an attempt and dies between the Graph call and its delivery
 * event; the next one, rebuilt from the journal alone, does not send the message again (and skips a settled one).
 */
class LedgerLogIT {

    private static final String SUBJECT = "whatsapp:106540352242922:" + UUID.randomUUID();
    private static final ChannelRegistry REGISTRY = ChannelRegistry.fromProperties(Map.of(
            "parley.channels.whatsapp.accounts.106540352242922.tenant", "acme",
            "parley.channels.whatsapp.accounts.106540352242922.access-token", "token"));
    private static final DurableLog LOG = new DurableLog(SharedKafka.bootstrapServers(), Duration.ofSeconds(4));

    @AfterAll
    static void close() {
        LOG.close();
    }

    /** A fresh instance of the outbound side: its ledger knows only what it reads back from the journal. */
    private static final class Instance {
        final List<String> sent = new ArrayList<>();
        final LedgerLog journal = new LedgerLog(LOG, SharedKafka.bootstrapServers());
        final DeliveryLedger ledger = new DeliveryLedger(journal, Clock.systemUTC(), Duration.ofDays(7));
        final OutboundDispatcher dispatcher;

        Instance(ChannelSender sender) {
            dispatcher = new OutboundDispatcher(REGISTRY, (conversation, account, message) -> {
                sent.add(message.messageId());
                return sender.send(conversation, account, message);
            }, new RetryPolicy(1, Duration.ZERO, Duration.ZERO), delay -> { }, ledger, Clock.systemUTC());
            journal.catchUp(ledger, Instant.now());
        }
    }

    private static Event outbound(String messageId) {
        return new Event(UUID.randomUUID().toString(), "/bot", SUBJECT, Instant.now(), "acme", null,
                new MessageOutbound(messageId, new Author(AuthorKind.BOT, null), Content.text("hi"), null, null));
    }

    @Test
    void aCrashBetweenTheCallAndItsDeliveryEventDoesNotSendAgainAfterARestart() {
        Event settled = outbound("m-settled");
        Event inFlight = outbound("m-in-flight");
        Instance first = new Instance((conversation, account, message) -> {
            if (message.messageId().equals("m-in-flight")) {
                throw new IllegalStateException("process killed while the Graph API was answering");
            }
            return SendResult.accepted("wamid.1");
        });
        Dispatch.Deliver delivered = (Dispatch.Deliver) first.dispatcher.dispatch(settled);
        first.dispatcher.settled(delivered.key());
        assertThatThrownBy(() -> first.dispatcher.dispatch(inFlight)).hasMessageContaining("process killed");
        assertThat(first.sent).containsExactly("m-settled", "m-in-flight");

        Instance second = new Instance((conversation, account, message) -> SendResult.accepted("wamid.2"));

        assertThat(second.dispatcher.dispatch(settled)).isEqualTo(new Dispatch.Skip(OutboundDispatcher.DUPLICATE));
        MessageDelivery unknown = (MessageDelivery) ((Dispatch.Deliver) second.dispatcher.dispatch(inFlight))
                .delivery().data();
        assertThat(unknown.outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(unknown.error().title()).startsWith("outcome unknown");
        assertThat(second.sent).isEmpty();
    }

    @Test
    void aLaterCatchUpReadsOnlyWhatWasJournalledSince() {
        Instance reader = new Instance((conversation, account, message) -> SendResult.accepted("wamid"));
        Instance writer = new Instance((conversation, account, message) -> SendResult.accepted("wamid"));
        Dispatch.Deliver delivered = (Dispatch.Deliver) writer.dispatcher.dispatch(outbound("m-later"));
        writer.dispatcher.settled(delivered.key());

        assertThat(reader.journal.catchUp(reader.ledger, Instant.now())).isEqualTo(2);
        assertThat(reader.ledger.stateOf(delivered.key())).contains(DeliveryLedger.State.SETTLED);
    }
}
