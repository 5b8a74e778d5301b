package io.parley.ticket.viewers;

import io.parley.edge.auth.Caller;
import io.parley.ticket.api.Conversations;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Which agents of the caller's tenant have a conversation open right now, so two agents do not answer the same
 * customer unawares. Consoles send a heartbeat while a conversation is open; changes are also on the live stream.
 */
@Path("/api/v1/conversations/{id}/viewers")
@RolesAllowed({Caller.AGENT, Caller.ADMIN})
@Tag(name = "conversations")
public class ViewerResource {

    /** One agent with the conversation open, since when and when last heard of. */
    public record ViewerView(String agentId, Instant since, Instant lastSeenAt) {
        static List<ViewerView> of(List<Viewers.Viewer> viewers) {
            return viewers.stream().map(v -> new ViewerView(v.agentId(), v.since(), v.lastSeen())).toList();
        }
    }

    @Inject
    Caller caller;

    @Inject
    Conversations conversations;

    @Inject
    ViewerFeed feed;

    @GET
    @WithSession
    @Operation(summary = "The agents who have this conversation open now")
    public Uni<List<ViewerView>> list(@PathParam("id") String id) {
        return conversations.find(caller, id).map(row -> ViewerView.of(feed.of(row.tenant, row.id)));
    }

    @PUT
    @Path("/me")
    @WithSession
    @Operation(summary = "Heartbeat: the caller has this conversation open (repeat every 15 s; gone after 45 s without)",
            description = "Answers the conversation's viewers, the caller included")
    public Uni<List<ViewerView>> viewing(@PathParam("id") String id) {
        return conversations.find(caller, id)
                .flatMap(row -> feed.publish(row.tenant, row.id, caller.agentId(), true))
                .map(ViewerView::of);
    }

    @DELETE
    @Path("/me")
    @WithSession
    @Operation(summary = "The caller closed this conversation", description = "Answers the viewers left")
    public Uni<List<ViewerView>> closed(@PathParam("id") String id) {
        return conversations.find(caller, id)
                .flatMap(row -> feed.publish(row.tenant, row.id, caller.agentId(), false))
                .map(ViewerView::of);
    }
}
