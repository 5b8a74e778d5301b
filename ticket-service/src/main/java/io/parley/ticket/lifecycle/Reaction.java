package io.parley.ticket.lifecycle;

import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent;
import io.parley.events.ids.EventIds;
import java.time.Instant;

/**
 * An event this service decides to append to a conversation. {@code purpose} makes its id deterministic, so deciding
 * twice (a redelivered record, a timer fired by two instances) appends the same id and every fold ignores the copy.
 */
public record Reaction(String purpose, ConversationEvent data) {

    public static final String SOURCE = "/ticket-service";

    /** @param causationId the event reacted to; null for a timer, whose purpose then names the timer and its due time */
    public Event toEvent(String conversationId, String tenant, String causationId, Instant time) {
        String cause = causationId == null ? "timer" : causationId;
        String id = EventIds.nameBased(conversationId + "/" + cause + "/" + purpose).toString();
        return new Event(id, SOURCE, conversationId, time, tenant, causationId, data);
    }
}
