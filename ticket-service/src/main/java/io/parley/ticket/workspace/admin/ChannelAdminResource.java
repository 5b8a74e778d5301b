package io.parley.ticket.workspace.admin;

import io.parley.edge.auth.Caller;
import io.parley.events.workspace.WorkspaceEvent.ChannelSaved;
import io.parley.ticket.workspace.Forms.ChannelForm;
import io.parley.ticket.workspace.WorkspaceDecider;
import io.parley.ticket.workspace.WorkspaceViews;
import io.parley.ticket.workspace.WorkspaceViews.ChannelView;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The tenant's channel accounts (inboxes): WhatsApp numbers, Facebook pages, Instagram accounts and API channels.
 * Secrets are write-only: answers say whether each is set and when it last changed. Every ingest instance applies a
 * change within a second or so, without a restart.
 */
@Path("/api/v1/admin/channels")
@RolesAllowed(Caller.ADMIN)
@Tag(name = "workspace")
@Blocking
public class ChannelAdminResource {

    private static final ChannelForm EMPTY = new ChannelForm(null, null, null, null, null, null, null, null, null,
            null, null, null);

    private final WorkspaceAdmin admin;

    ChannelAdminResource(WorkspaceAdmin admin) {
        this.admin = admin;
    }

    @GET
    public List<ChannelView> list() {
        return WorkspaceViews.channels(admin.workspace());
    }

    @GET
    @Path("/{channel}/{accountId}")
    public ChannelView get(@PathParam("channel") String channel, @PathParam("accountId") String accountId) {
        return ChannelView.of(admin.find(workspace -> workspace.channels().get(channel + ":" + accountId),
                WorkspaceDecider.noChannel(channel, accountId)));
    }

    @POST
    @Operation(summary = "Connect a channel account; one number, page or account belongs to one workspace (409)")
    public Response create(ChannelForm form) {
        ChannelSaved created = (ChannelSaved) admin.run((decider, workspace, actor, now) ->
                decider.createChannel(workspace, admin::ownerOf, form == null ? EMPTY : form, actor, now));
        return Response.status(Response.Status.CREATED).entity(ChannelView.of(created)).build();
    }

    @PUT
    @Path("/{channel}/{accountId}")
    @Operation(summary = "Change a channel account: name, enabled, callback URL, or replace a secret")
    public ChannelView update(@PathParam("channel") String channel, @PathParam("accountId") String accountId,
            ChannelForm form) {
        return ChannelView.of((ChannelSaved) admin.run((decider, workspace, actor, now) ->
                decider.updateChannel(workspace, channel, accountId, form == null ? EMPTY : form, actor, now)));
    }

    @DELETE
    @Path("/{channel}/{accountId}")
    @Operation(summary = "Disable a channel account: its webhooks are acknowledged and counted, nothing is taken in; "
            + "the account stays this workspace's (PUT enabled=true turns it on again)")
    public ChannelView disable(@PathParam("channel") String channel, @PathParam("accountId") String accountId) {
        return ChannelView.of((ChannelSaved) admin.run((decider, workspace, actor, now) ->
                decider.disableChannel(workspace, channel, accountId, actor)));
    }
}
