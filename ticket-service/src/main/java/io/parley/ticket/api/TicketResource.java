package io.parley.ticket.api;

import io.parley.edge.auth.Caller;
import io.parley.edge.problem.ApiErrors;
import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.conversation.ConversationEvent.TicketCreated;
import io.parley.ticket.projection.StateJson;
import io.parley.ticket.projection.TicketRow;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tickets: conversations nobody could take at once, and ones agents opened as tickets. */
@Path("/api/v1/tickets")
@RolesAllowed({Caller.AGENT, Caller.ADMIN})
@Tag(name = "tickets")
@WithSession
public class TicketResource {

    @Inject
    Caller caller;

    @Inject
    Conversations conversations;

    @Inject
    IdempotentRequests idempotent;

    @GET
    @Operation(summary = "Tickets, newest first; status is new, open, pending, on-hold, solved or closed")
    public Uni<List<Views.Ticket>> list(@QueryParam("status") String status, @QueryParam("priority") String priority) {
        StringBuilder hql = new StringBuilder("tenant = :tenant");
        Parameters parameters = Parameters.with("tenant", caller.tenant());
        if (status != null) {
            hql.append(" and status = :status");
            parameters.and("status", status);
        }
        if (priority != null) {
            hql.append(" and priority = :priority");
            parameters.and("priority", priority);
        }
        return TicketRow.<TicketRow>list(hql + " order by createdAt desc, id", parameters)
                .map(rows -> rows.stream().map(Views.Ticket::of).toList());
    }

    @GET
    @Path("/{id}")
    public Uni<Views.Ticket> get(@PathParam("id") String id) {
        return TicketRow.<TicketRow>find("id = ?1 and tenant = ?2", id, caller.tenant()).firstResult()
                .onItem().ifNull().failWith(() -> ApiErrors.notFound("ticket", id))
                .map(Views.Ticket::of);
    }

    @POST
    @Operation(summary = "Open a ticket for a conversation")
    public Uni<Views.Accepted> create(@Valid Requests.NewTicket ticket,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return idempotent.once(caller.tenant(), idempotencyKey, "ticket " + StateJson.json(ticket),
                eventId -> conversations.find(caller, ticket.conversationId()).flatMap(row -> conversations.append(
                        row.id, row.tenant, eventId, new TicketCreated(eventId,
                                ticket.subject() != null ? ticket.subject() : "Conversation with " + row.contactName,
                                ticket.priority() != null ? ticket.priority() : Priority.NORMAL, "agent"))));
    }
}
