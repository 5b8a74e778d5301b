package io.parley.events.sla;

import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.state.ConversationState;

/** The priority a conversation is served with: its ticket's, else its queue's, else normal. */
public final class Priorities {

    private Priorities() {
    }

    public static Priority of(ConversationState state) {
        if (state.ticket() != null && state.ticket().value().priority() != null) {
            return state.ticket().value().priority();
        }
        if (state.queued() != null && state.queued().value().priority() != null) {
            return state.queued().value().priority();
        }
        return Priority.NORMAL;
    }

    public static String wireName(Priority priority) {
        return priority.name().toLowerCase(java.util.Locale.ROOT);
    }
}
