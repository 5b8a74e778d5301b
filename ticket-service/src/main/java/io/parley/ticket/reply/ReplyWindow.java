package io.parley.ticket.reply;

import io.parley.events.Channel;
import io.parley.events.conversation.Content;
import io.parley.events.state.ConversationState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * WhatsApp's customer service window: free-form messages only within 24 hours of the customer's last message;
 * outside it, only an approved template may be sent. Other channels have no such rule here.
 */
public final class ReplyWindow {

    public static final Duration WHATSAPP_WINDOW = Duration.ofHours(24);

    private ReplyWindow() {
    }

    /** Why {@code content} may not be sent now, or empty when it may. */
    public static Optional<String> refusal(ConversationState state, Content content, Instant now) {
        if (state.channel() != Channel.WHATSAPP || Content.TEMPLATE.equals(content.kind())) {
            return Optional.empty();
        }
        Instant lastCustomerMessage = state.lastCustomerMessageAt();
        if (lastCustomerMessage != null && !lastCustomerMessage.plus(WHATSAPP_WINDOW).isBefore(now)) {
            return Optional.empty();
        }
        String since = lastCustomerMessage == null ? "the customer has never written"
                : "the customer last wrote at " + lastCustomerMessage + ", the window closed at "
                        + lastCustomerMessage.plus(WHATSAPP_WINDOW);
        return Optional.of("WhatsApp's 24-hour customer service window is closed (" + since
                + "): free-form " + content.kind() + " messages are refused. Send an approved template instead: POST "
                + "/api/v1/conversations/" + state.conversationId() + "/messages with "
                + "{\"template\":{\"name\":\"…\",\"language\":\"en\",\"parameters\":[…]}}.");
    }
}
