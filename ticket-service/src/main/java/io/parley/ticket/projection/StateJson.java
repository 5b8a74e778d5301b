package io.parley.ticket.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parley.events.envelope.EventCodec;
import io.parley.events.state.ConversationState;

/** The folded state of a conversation, kept as JSON next to its derived columns so the next event can continue it. */
public final class StateJson {

    private StateJson() {
    }

    public static String write(ConversationState state) {
        try {
            return EventCodec.mapper().writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the state of " + state.conversationId(), e);
        }
    }

    public static ConversationState read(String json) {
        try {
            return EventCodec.mapper().readValue(json, ConversationState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored conversation state is unreadable; rebuild the projection", e);
        }
    }

    public static String json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
