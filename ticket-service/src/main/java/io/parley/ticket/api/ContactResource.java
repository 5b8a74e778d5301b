package io.parley.ticket.api;

import io.parley.ticket.auth.Caller;
import io.parley.ticket.projection.ConversationRow;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One contact's whole history across channels, so that nobody asks the customer to repeat themselves. */
@Path("/api/v1/contacts/{contact}")
@RolesAllowed({Caller.AGENT, Caller.ADMIN})
@Tag(name = "contacts")
@WithSession
public class ContactResource {

    private static final String OF_CONTACT = "tenant = ?1 and (contactPhone = ?2 or contactUserId = ?2)"
            + " order by lastActivityAt desc";

    @Inject
    Caller caller;

    @GET
    @Path("/conversations")
    @Operation(summary = "Conversations of a contact on every channel, by phone number or channel user id")
    public Uni<List<Views.Conversation>> conversations(@PathParam("contact") String contact) {
        return ConversationRow.<ConversationRow>list(OF_CONTACT, caller.tenant(), contact)
                .map(rows -> rows.stream().map(Views.Conversation::of).toList());
    }

    @GET
    @Path("/messages")
    @Operation(summary = "Every message of a contact across channels, oldest first")
    public Uni<List<Views.Message>> messages(@PathParam("contact") String contact) {
        return ConversationRow.<ConversationRow>list(OF_CONTACT, caller.tenant(), contact).flatMap(rows -> rows.isEmpty()
                ? Uni.createFrom().failure(ApiErrors.notFound("contact", contact))
                : ConversationResource.messagesOf(rows.stream().map(row -> row.id).toList()));
    }
}
