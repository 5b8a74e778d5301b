package io.parley.ingest.outbound;

import io.parley.events.conversation.ConversationEvent.DeliveryError;

/** What the channel said to one send attempt: its message id, or an error and whether trying again may help. */
public record SendResult(String channelMessageId, DeliveryError error) {

    public static SendResult accepted(String channelMessageId) {
        return new SendResult(channelMessageId, null);
    }

    public static SendResult failed(Integer code, String title, boolean retryable) {
        return new SendResult(null, new DeliveryError(code, title, retryable));
    }

    public boolean isAccepted() {
        return error == null;
    }

    public boolean isRetryable() {
        return error != null && error.retryable();
    }
}
