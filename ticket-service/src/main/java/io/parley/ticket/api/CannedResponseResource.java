package io.parley.ticket.api;

import io.parley.edge.auth.Caller;
import io.parley.edge.problem.ApiErrors;
import io.parley.ticket.canned.CannedResponse;
import io.parley.ticket.canned.Placeholders;
import io.parley.ticket.projection.ConversationRow;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Canned responses of the caller's tenant. Placeholders: {@code {{contact.name}}}, {@code {{contact.phone}}},
 * {@code {{agent.id}}}, {@code {{conversation.id}}}, {@code {{ticket.id}}}. Agents read and render them; only admins
 * change them.
 */
@Path("/api/v1/canned-responses")
@RolesAllowed({Caller.AGENT, Caller.ADMIN})
@Tag(name = "canned responses")
public class CannedResponseResource {

    @Inject
    Caller caller;

    @Inject
    Conversations conversations;

    @GET
    @WithSession
    public Uni<List<Views.Canned>> list() {
        return CannedResponse.<CannedResponse>list("tenant = ?1 order by shortcut", caller.tenant())
                .map(rows -> rows.stream().map(Views.Canned::of).toList());
    }

    @GET
    @Path("/{id}")
    @WithSession
    public Uni<Views.Canned> get(@PathParam("id") String id) {
        return find(id).map(Views.Canned::of);
    }

    @POST
    @WithTransaction
    @RolesAllowed(Caller.ADMIN)
    public Uni<Response> create(@Valid Requests.CannedBody body) {
        CannedResponse canned = new CannedResponse();
        canned.id = UUID.randomUUID().toString();
        canned.tenant = caller.tenant();
        return requireFreeShortcut(body.shortcut(), null)
                .flatMap(ignored -> write(canned, body).persist())
                .map(ignored -> Response.status(Response.Status.CREATED).entity(Views.Canned.of(canned)).build());
    }

    @PUT
    @Path("/{id}")
    @WithTransaction
    @RolesAllowed(Caller.ADMIN)
    public Uni<Views.Canned> update(@PathParam("id") String id, @Valid Requests.CannedBody body) {
        return requireFreeShortcut(body.shortcut(), id)
                .flatMap(ignored -> find(id))
                .map(canned -> Views.Canned.of(write(canned, body)));
    }

    @DELETE
    @Path("/{id}")
    @WithTransaction
    @RolesAllowed(Caller.ADMIN)
    public Uni<Response> delete(@PathParam("id") String id) {
        return find(id).flatMap(CannedResponse::delete).map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/render")
    @WithSession
    @Operation(summary = "Fill the placeholders for a conversation; unknown ones are left as written")
    public Uni<Map<String, String>> render(@PathParam("id") String id, Requests.Render render) {
        return find(id).flatMap(canned -> {
            Map<String, String> values = new HashMap<>();
            values.put("agent.id", caller.agentId());
            if (render == null || render.conversationId() == null) {
                return Uni.createFrom().item(Map.of("text", Placeholders.render(canned.body, values)));
            }
            return conversations.find(caller, render.conversationId()).map(conversation -> {
                putIfPresent(values, "contact.name", conversation.contactName);
                putIfPresent(values, "contact.phone", conversation.contactPhone);
                putIfPresent(values, "conversation.id", conversation.id);
                putIfPresent(values, "ticket.id", conversation.ticketId);
                return Map.of("text", Placeholders.render(canned.body, values));
            });
        });
    }

    private Uni<CannedResponse> find(String id) {
        return CannedResponse.<CannedResponse>find("id = ?1 and tenant = ?2", id, caller.tenant()).firstResult()
                .onItem().ifNull().failWith(() -> ApiErrors.notFound("canned response", id));
    }

    private Uni<Void> requireFreeShortcut(String shortcut, String exceptId) {
        return CannedResponse.<CannedResponse>find("tenant = ?1 and shortcut = ?2", caller.tenant(), shortcut)
                .firstResult()
                .map(existing -> {
                    if (existing != null && !existing.id.equals(exceptId)) {
                        throw ApiErrors.unprocessable("shortcut '" + shortcut + "' is taken by canned response "
                                + existing.id + ": choose another or update that one");
                    }
                    return null;
                });
    }

    private static CannedResponse write(CannedResponse canned, Requests.CannedBody body) {
        canned.shortcut = body.shortcut();
        canned.title = body.title();
        canned.body = body.body();
        return canned;
    }

    private static void putIfPresent(Map<String, String> values, String key, String value) {
        if (value != null) {
            values.put(key, value);
        }
    }
}
