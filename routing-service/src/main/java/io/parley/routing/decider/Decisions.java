package io.parley.routing.decider;

import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent;
import io.parley.events.conversation.ConversationEvent.Assigned;
import io.parley.events.conversation.ConversationEvent.Queued;
import io.parley.events.ids.EventIds;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events one fact leads to. Ids derive from the fact's id, the kind of decision and the conversation, so
 * deciding the same fact again (a replay, a redelivery) yields the same ids. A later decision of the same kind for the
 * same conversation within one fact replaces the earlier one (a queue position that moved twice is told once).
 */
final class Decisions {

    private final Fact cause;
    private final Instant at;
    private final Map<String, Event> byKey = new LinkedHashMap<>();

    Decisions(Fact cause, Instant at) {
        this.cause = cause;
        this.at = at;
    }

    Instant at() {
        return at;
    }

    void queued(String conversationId, Queued queued) {
        add("queued", conversationId, queued);
    }

    void assigned(String conversationId, Assigned assigned) {
        add("assigned", conversationId, assigned);
    }

    List<Event> events() {
        return List.copyOf(byKey.values());
    }

    private void add(String kind, String conversationId, ConversationEvent data) {
        String key = key(kind, conversationId);
        byKey.remove(key);
        byKey.put(key, new Event(EventIds.derived(cause.id(), key), TenantRouter.SOURCE, conversationId, at,
                cause.tenant(), cause.id(), data));
    }

    private static String key(String kind, String conversationId) {
        return kind + "/" + conversationId;
    }
}
