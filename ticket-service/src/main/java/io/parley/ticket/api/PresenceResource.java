package io.parley.ticket.api;

import io.parley.edge.auth.Caller;
import io.parley.events.Event;
import io.parley.events.agent.AgentEvent.PresenceChanged;
import io.parley.ticket.lifecycle.Reaction;
import io.parley.ticket.publish.EventPublisher;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.time.Clock;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Agents say whether they can take conversations; routing reads it from agent-events. */
@Path("/api/v1/agents/me/presence")
@RolesAllowed({Caller.AGENT, Caller.ADMIN})
@Tag(name = "agents")
public class PresenceResource {

    @Inject
    Caller caller;

    @Inject
    EventPublisher publisher;

    @Inject
    Clock clock;

    @PUT
    @Operation(summary = "Set the caller's presence: online, away or offline")
    public Uni<Views.Accepted> set(@Valid Requests.PresenceChange change) {
        Event event = new Event(UUID.randomUUID().toString(), Reaction.SOURCE, caller.agentId(), clock.instant(),
                caller.tenant(), null, new PresenceChanged(caller.agentId(), change.presence()));
        return publisher.appendAgentEvent(event).map(ignored -> new Views.Accepted(event.id(), null));
    }
}
