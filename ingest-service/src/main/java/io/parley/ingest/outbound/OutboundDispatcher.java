package io.parley.ingest.outbound;

import io.parley.events.Event;
import io.parley.events.EventTypes;
import io.parley.events.conversation.ConversationEvent.AuthorKind;
import io.parley.events.conversation.ConversationEvent.DeliveryOutcome;
import io.parley.events.conversation.ConversationEvent.MessageDelivery;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.ids.ConversationId;
import io.parley.ingest.channel.ChannelAccount;
import io.parley.ingest.channel.ChannelAccounts;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns an outbound event into a send and its delivery event. Skips what is not ours to send: other event types,
 * echoes (authored {@code external}, already on the channel), messages the ledger knows were settled and messages
 * older than the ledger's horizon. Every send is journalled as attempted before the channel is called: a message
 * found attempted but not settled (the service stopped, or lost the partition, between the call and its delivery
 * event) fails as "outcome unknown" instead of being sent again. Failures that prove the message was not taken are
 * retried with backoff; an unknown outcome (timeout, 5xx) is not. The last result becomes the delivery event.
 */
public final class OutboundDispatcher {

    public static final String DELIVERY_PURPOSE = "delivery";
    public static final String DUPLICATE = "duplicate";
    public static final String EXPIRED = "expired";
    /** The only types {@link #dispatch} acts on (sends, and deliveries for the ledger); the rest of the log is skipped. */
    public static final Set<String> TYPES_READ = Stream.of(MessageOutbound.class, MessageDelivery.class)
            .flatMap(data -> EventTypes.typesOf(data).stream()).collect(Collectors.toUnmodifiableSet());

    private final ChannelAccounts accounts;
    private final ChannelSender sender;
    private final RetryPolicy retry;
    private final Pause pause;
    private final DeliveryLedger ledger;
    private final Clock clock;

    public OutboundDispatcher(ChannelAccounts accounts, ChannelSender sender, RetryPolicy retry, Pause pause,
                              DeliveryLedger ledger, Clock clock) {
        this.accounts = accounts;
        this.sender = sender;
        this.retry = retry;
        this.pause = pause;
        this.ledger = ledger;
        this.clock = clock;
    }

    public Dispatch dispatch(Event event) {
        ledger.observe(event);
        if (!(event.data() instanceof MessageOutbound outbound)
                || outbound.author() != null && outbound.author().kind() == AuthorKind.EXTERNAL) {
            return new Dispatch.Skip(null);
        }
        if (outbound.messageId() == null || outbound.messageId().isBlank() || outbound.content() == null) {
            return new Dispatch.Park("outbound event " + event.id() + " has no messageId or no content: "
                    + "nothing can be sent for it");
        }
        ConversationId conversation;
        try {
            conversation = ConversationId.parse(event.subject());
        } catch (IllegalArgumentException e) {
            return new Dispatch.Park("outbound event " + event.id() + " names no conversation: " + e.getMessage());
        }
        OutboundKey key = new OutboundKey(event.tenant(), event.subject(), outbound.messageId());
        DeliveryLedger.State state = ledger.stateOf(key).orElse(null);
        if (state == DeliveryLedger.State.SETTLED) {
            return new Dispatch.Skip(DUPLICATE);
        }
        if (state == null && event.time().isBefore(clock.instant().minus(ledger.horizon()))) {
            // beyond the horizon the ledger has forgotten: a replay of old history must not send it again
            return new Dispatch.Skip(EXPIRED);
        }
        SendResult result = state == DeliveryLedger.State.ATTEMPTED
                ? SendResult.unknown(null, "a send was attempted before and its result was never recorded (the "
                        + "service stopped or lost the conversation's partition in between)")
                : sendThroughOwnAccount(event, conversation, key, outbound);
        MessageDelivery delivery = new MessageDelivery(outbound.messageId(),
                result.isAccepted() ? DeliveryOutcome.ACCEPTED : DeliveryOutcome.FAILED,
                result.channelMessageId(), result.error());
        return new Dispatch.Deliver(key, event.reaction(DELIVERY_PURPOSE,
                "/ingest/" + conversation.channel().wireName(), clock.instant(), delivery));
    }

    /** The delivery event of {@code key} is stored: journal it, so no later redelivery sends or fails it again. */
    public void settled(OutboundKey key) {
        ledger.settle(key);
    }

    private SendResult sendThroughOwnAccount(Event event, ConversationId conversation, OutboundKey key,
                                             MessageOutbound outbound) {
        return accounts.account(conversation.channel(), conversation.account())
                .map(account -> account.tenant().equals(event.tenant())
                        ? sendWithRetries(conversation, account, key, outbound)
                        // a tenant never sends through another tenant's number, page or API channel
                        : SendResult.failed(null, "channel account " + account.key() + " belongs to another tenant "
                                + "than the conversation's (" + event.tenant() + ")", false))
                .orElseGet(() -> SendResult.failed(null,
                        accounts.whyMissing(conversation.channel(), conversation.account()), false));
    }

    private SendResult sendWithRetries(ConversationId conversation, ChannelAccount account, OutboundKey key,
                                       MessageOutbound outbound) {
        ledger.attempt(key);
        try {
            SendResult result = sender.send(conversation, account, outbound);
            for (int attempt = 1; result.isSafeToRetry() && attempt < retry.maxAttempts(); attempt++) {
                pause.pause(retry.delayAfter(attempt));
                result = sender.send(conversation, account, outbound);
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending " + outbound.messageId(), e);
        }
    }
}
