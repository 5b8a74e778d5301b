package io.parley.ticket.projection;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.parley.events.envelope.EventCodec;
import io.parley.events.state.ConversationState;
import java.io.IOException;

/** The folded state of a conversation, kept as JSON next to its derived columns so the next event can continue it. */
public final class StateJson {

    /**
     * Parses states without canonicalising field names: a state's applied event ids are field names, each read once
     * and never again, so Jackson's shared symbol table filled up with them and was copied as it grew (the
     * projection's profile, docs/performance.md). The mapper reads from these parsers as from its own.
     */
    private static final JsonFactory STATE_PARSERS = JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .build();

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
        try (JsonParser parser = STATE_PARSERS.createParser(json)) {
            return EventCodec.mapper().readValue(parser, ConversationState.class);
        } catch (IOException e) {
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
