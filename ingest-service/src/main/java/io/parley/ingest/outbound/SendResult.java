package io.parley.ingest.outbound;

import io.parley.events.conversation.ConversationEvent.DeliveryError;

/**
 * What the channel said to one send attempt: its message id, or an error and whether trying again may help.
 * {@code mayHaveArrived} marks an answer that does not say whether the channel took the message (a timeout after the
 * request left, HTTP 5xx): resending could deliver it twice, and the Graph API has no idempotency key.
 */
public record SendResult(String channelMessageId, DeliveryError error, boolean mayHaveArrived) {

    public static SendResult accepted(String channelMessageId) {
        return new SendResult(channelMessageId, null, false);
    }

    /** The channel did not take the message (refused, throttled, never reached). */
    public static SendResult failed(Integer code, String title, boolean retryable) {
        return new SendResult(null, new DeliveryError(code, title, retryable), false);
    }

    /** No telling whether the channel took the message: retryable by a person who checks, never automatically. */
    public static SendResult unknown(Integer code, String title) {
        return new SendResult(null, new DeliveryError(code, "outcome unknown, not resent automatically: " + title,
                true), true);
    }

    public boolean isAccepted() {
        return error == null;
    }

    /** A retry cannot deliver the message twice and may succeed. */
    public boolean isSafeToRetry() {
        return error != null && error.retryable() && !mayHaveArrived;
    }
}
