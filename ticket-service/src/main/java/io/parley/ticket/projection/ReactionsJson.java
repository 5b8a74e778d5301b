package io.parley.ticket.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.parley.events.Event;
import io.parley.events.envelope.EventCodec;
import java.util.ArrayList;
import java.util.List;

/** Reactions kept with the claim of their cause: a JSON array of CloudEvents, exactly as they go to the log. */
final class ReactionsJson {

    private ReactionsJson() {
    }

    static String write(List<Event> reactions) {
        ArrayNode array = EventCodec.mapper().createArrayNode();
        reactions.forEach(reaction -> array.add(EventCodec.toJson(reaction)));
        return array.toString();
    }

    /** Null (nothing kept) reads as no reactions. */
    static List<Event> read(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            List<Event> reactions = new ArrayList<>();
            for (JsonNode node : EventCodec.mapper().readTree(json)) {
                EventCodec.fromJson(node).ifPresent(reactions::add);
            }
            return reactions;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("kept reactions are unreadable; rebuild the projection", e);
        }
    }
}
