package io.parley.ticket.workspace.admin;

import io.parley.edge.auth.Caller;
import io.parley.events.workspace.WorkspaceEvent.TeamSaved;
import io.parley.ticket.workspace.Forms.TeamForm;
import io.parley.ticket.workspace.WorkspaceDecider;
import io.parley.ticket.workspace.WorkspaceViews;
import io.parley.ticket.workspace.WorkspaceViews.TeamView;
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

/** The tenant's teams: how routing picks among their agents, what happens when agents go offline, their hours. */
@Path("/api/v1/admin/teams")
@RolesAllowed(Caller.ADMIN)
@Tag(name = "workspace")
@Blocking
public class TeamAdminResource {

    private static final TeamForm EMPTY = new TeamForm(null, null, null, null, null, null);

    private final WorkspaceAdmin admin;

    TeamAdminResource(WorkspaceAdmin admin) {
        this.admin = admin;
    }

    @GET
    @RolesAllowed({Caller.AGENT, Caller.ADMIN})
    public List<TeamView> list() {
        return WorkspaceViews.teams(admin.workspace());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.AGENT, Caller.ADMIN})
    public TeamView get(@PathParam("id") String id) {
        return TeamView.of(admin.find(workspace -> workspace.teams().get(id), WorkspaceDecider.noTeam(id)), admin.workspace());
    }

    @POST
    @Operation(summary = "Create a team (id defaults to a slug of the name; strategy balanced, offlinePolicy requeue)")
    public Response create(TeamForm form) {
        TeamSaved created = (TeamSaved) admin.run((decider, workspace, actor, now) ->
                decider.createTeam(workspace, form == null ? EMPTY : form, actor));
        return Response.status(Response.Status.CREATED).entity(TeamView.of(created, admin.workspace())).build();
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Change a team; fields left out keep their value")
    public TeamView update(@PathParam("id") String id, TeamForm form) {
        TeamSaved saved = (TeamSaved) admin.run((decider, workspace, actor, now) ->
                decider.updateTeam(workspace, id, form == null ? EMPTY : form, actor));
        return TeamView.of(saved, admin.workspace());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a team without members")
    public Response delete(@PathParam("id") String id) {
        admin.run((decider, workspace, actor, now) -> decider.deleteTeam(workspace, id, actor));
        return Response.noContent().build();
    }
}
