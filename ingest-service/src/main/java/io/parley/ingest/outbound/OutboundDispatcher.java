package io.parley.ingest.outbound;

import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent.AuthorKind;
import io.parley.events.conversation.ConversationEvent.DeliveryOutcome;
import io.parley.events.conversation.ConversationEvent.MessageDelivery;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.ids.ConversationId;
import io.parley.ingest.channel.ChannelAccount;
import io.parley.ingest.channel.ChannelAccounts;
import java.time.Clock;
import java.util.Optional;

/**
 * Turns an outbound event into a send and its delivery event. Skips what is not ours to send: other event types,
 * echoes (authored {@code external}, already on the channel) and messages the ledger knows were handled. Retryable
 * failures are retried with backoff; the last result, success or not, becomes the delivery event.
 */
public final class OutboundDispatcher {

    public static final String DELIVERY_PURPOSE = "delivery";

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

    /** The delivery event to append for {@code event}, or empty when there is nothing to send. */
    public Optional<Event> dispatch(Event event) {
        ledger.observe(event);
        if (!(event.data() instanceof MessageOutbound outbound)
                || outbound.author() != null && outbound.author().kind() == AuthorKind.EXTERNAL
                || ledger.isDelivered(outbound.messageId())) {
            return Optional.empty();
        }
        ConversationId conversation = ConversationId.parse(event.subject());
        SendResult result = accounts.account(conversation.channel(), conversation.account())
                .map(account -> account.tenant().equals(event.tenant())
                        ? sendWithRetries(conversation, account, outbound)
                        // a tenant never sends through another tenant's number, page or API channel
                        : SendResult.failed(null, "channel account " + account.key() + " belongs to another tenant "
                                + "than the conversation's (" + event.tenant() + ")", false))
                .orElseGet(() -> SendResult.failed(null,
                        accounts.whyMissing(conversation.channel(), conversation.account()), false));
        MessageDelivery delivery = new MessageDelivery(outbound.messageId(),
                result.isAccepted() ? DeliveryOutcome.ACCEPTED : DeliveryOutcome.FAILED,
                result.channelMessageId(), result.error());
        Event deliveryEvent = event.reaction(DELIVERY_PURPOSE, "/ingest/" + conversation.channel().wireName(),
                clock.instant(), delivery);
        ledger.observe(deliveryEvent);
        return Optional.of(deliveryEvent);
    }

    private SendResult sendWithRetries(ConversationId conversation, ChannelAccount account, MessageOutbound outbound) {
        try {
            SendResult result = sender.send(conversation, account, outbound);
            for (int attempt = 1; result.isRetryable() && attempt < retry.maxAttempts(); attempt++) {
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
