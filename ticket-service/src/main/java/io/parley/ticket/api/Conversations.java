package io.parley.ticket.api;

import io.parley.edge.auth.Caller;
import io.parley.edge.problem.ApiErrors;
import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent;
import io.parley.events.state.ConversationState;
import io.parley.ticket.lifecycle.Reaction;
import io.parley.ticket.projection.ConversationRow;
import io.parley.ticket.projection.StateJson;
import io.parley.ticket.publish.EventPublisher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/** Finds a conversation of the caller's tenant, and appends agents' actions on it to the log. */
@ApplicationScoped
public class Conversations {

    @Inject
    EventPublisher publisher;

    @Inject
    Clock clock;

    /** The caller's conversation, or 404: another tenant's id looks exactly like a missing one. */
    public Uni<ConversationRow> find(Caller caller, String id) {
        return ConversationRow.<ConversationRow>find("id = ?1 and tenant = ?2", id, caller.tenant()).firstResult()
                .onItem().ifNull().failWith(() -> ApiErrors.notFound("conversation", id));
    }

    public Uni<ConversationState> state(Caller caller, String id) {
        return find(caller, id).map(row -> StateJson.read(row.state));
    }

    public Uni<Views.Accepted> append(String conversationId, String tenant, String eventId, ConversationEvent data) {
        return append(conversationId, tenant, eventId, data, null);
    }

    public Uni<Views.Accepted> append(String conversationId, String tenant, String eventId, ConversationEvent data,
            String messageId) {
        Event event = new Event(eventId, Reaction.SOURCE, conversationId, clock.instant(), tenant, null, data);
        return publisher.append(event).map(ignored -> new Views.Accepted(event.id(), messageId));
    }
}
