package io.parley.ticket.api;

import io.parley.edge.auth.Caller;
import io.parley.edge.problem.ApiErrors;
import io.parley.ticket.contacts.ContactDirectory;
import io.parley.ticket.contacts.ContactView;
import io.parley.ticket.contacts.Identity;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A contact and their whole history across channels, so that nobody asks the customer to repeat themselves. The key
 * is a contact id, a channel id {@code channel:channelUserId}, or a bare phone number or channel user id.
 */
@Path("/api/v1/contacts/{contact}")
@RolesAllowed({Caller.AGENT, Caller.ADMIN})
@Tag(name = "contacts")
public class ContactResource {

    /** A contact's name and attributes; a field left out keeps its value, attributes are replaced as a whole. */
    public record ContactUpdate(String name, Map<String, String> attributes) {
    }

    @Inject
    Caller caller;

    @Inject
    ContactDirectory contacts;

    @GET
    @WithSession
    @Operation(summary = "The contact: name, phone, channel ids linked into it, attributes")
    public Uni<ContactView> get(@PathParam("contact") String contact) {
        return contacts.find(caller.tenant(), contact).map(ContactDirectory.Found::view);
    }

    @PUT
    @WithTransaction
    @Operation(summary = "Set the contact's name and/or replace its attributes (string values)")
    public Uni<ContactView> update(@PathParam("contact") String contact, ContactUpdate update) {
        if (update == null) {
            throw ApiErrors.badRequest("a body is required: {\"name\": \"…\", \"attributes\": {\"plan\": \"gold\"}}");
        }
        return contacts.update(caller.tenant(), contact, update.name(), update.attributes());
    }

    @POST
    @Path("/identities")
    @WithTransaction
    @Operation(summary = "Link the contact's id on another channel; a contact that id belonged to is merged in")
    public Uni<ContactView> link(@PathParam("contact") String contact, Identity identity) {
        if (identity == null) {
            throw ApiErrors.badRequest("a body is required: {\"channel\": \"whatsapp\", \"channelUserId\": \"4915…\"}");
        }
        return contacts.link(caller.tenant(), contact, identity);
    }

    @DELETE
    @Path("/identities/{channel}/{channelUserId}")
    @WithTransaction
    @Operation(summary = "Unlink one of the contact's channel ids (not its last one)")
    public Uni<ContactView> unlink(@PathParam("contact") String contact, @PathParam("channel") String channel,
            @PathParam("channelUserId") String channelUserId) {
        return contacts.unlink(caller.tenant(), contact, new Identity(channel, channelUserId));
    }

    @GET
    @Path("/conversations")
    @WithSession
    @Operation(summary = "The contact's conversations on every channel, most recently active first")
    public Uni<List<Views.Conversation>> conversations(@PathParam("contact") String contact) {
        return contacts.find(caller.tenant(), contact)
                .map(found -> found.conversations().stream().map(Views.Conversation::of).toList());
    }

    @GET
    @Path("/messages")
    @WithSession
    @Operation(summary = "The contact's messages across channels as one timeline, oldest first",
            description = "Each message names its conversation; the conversations say which channel")
    public Uni<List<Views.Message>> messages(@PathParam("contact") String contact) {
        return contacts.find(caller.tenant(), contact)
                .flatMap(found -> ConversationResource.messagesOf(found.conversationIds()));
    }
}
