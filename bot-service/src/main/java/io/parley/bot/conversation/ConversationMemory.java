package io.parley.bot.conversation;

import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.state.ConversationFold;
import io.parley.events.state.ConversationState;
import java.util.ArrayList;
import java.util.List;

/**
 * What the bot remembers of a conversation: the shared {@link ConversationState} plus the customer's last few
 * messages, which the handoff summary quotes. Folded from the log, so a restart rebuilds it exactly.
 */
public record ConversationMemory(ConversationState state, List<String> recentCustomerTexts) {

    static final int RECENT_TEXTS = 3;

    public ConversationMemory {
        recentCustomerTexts = List.copyOf(recentCustomerTexts);
    }

    public static ConversationMemory initial(String conversationId) {
        return new ConversationMemory(ConversationState.initial(conversationId), List.of());
    }

    public ConversationMemory evolve(Event event) {
        ConversationState next = ConversationFold.evolve(state, event);
        if (next == state) {
            return this;
        }
        List<String> texts = recentCustomerTexts;
        if (event.data() instanceof MessageReceived received && received.content() != null
                && received.content().readableText() != null && !received.content().readableText().isBlank()) {
            List<String> appended = new ArrayList<>(recentCustomerTexts);
            appended.add(received.content().readableText().strip());
            texts = appended.subList(Math.max(0, appended.size() - RECENT_TEXTS), appended.size());
        }
        return new ConversationMemory(next, texts);
    }

    public boolean hasApplied(String eventId) {
        return state.hasApplied(eventId);
    }
}
