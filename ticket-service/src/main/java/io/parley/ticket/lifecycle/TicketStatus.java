package io.parley.ticket.lifecycle;

import io.parley.events.conversation.ConversationStatus;
import io.parley.events.state.ConversationState;
import java.util.Locale;

/** A ticket's status, derived from the conversation it belongs to (Zendesk's vocabulary). */
public enum TicketStatus {
    NEW, OPEN, PENDING, ON_HOLD, SOLVED, CLOSED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean isDone() {
        return this == SOLVED || this == CLOSED;
    }

    /** The status of the conversation's current ticket; meaningless when it has none. */
    public static TicketStatus of(ConversationState state) {
        ConversationStatus status = state.status();
        return switch (status) {
            case OPEN -> state.assignee() == null && state.lastAgentMessageAt() == null ? NEW : OPEN;
            case PENDING -> PENDING;
            case SNOOZED -> ON_HOLD;
            case SOLVED -> SOLVED;
            case CLOSED, BOT -> CLOSED;
        };
    }
}
