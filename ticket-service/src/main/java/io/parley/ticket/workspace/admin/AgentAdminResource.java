package io.parley.ticket.workspace.admin;

import io.parley.edge.auth.Caller;
import io.parley.events.agent.AgentEvent.ProfileUpdated;
import io.parley.ticket.workspace.Forms.AgentForm;
import io.parley.ticket.workspace.WorkspaceDecider;
import io.parley.ticket.workspace.WorkspaceViews;
import io.parley.ticket.workspace.WorkspaceViews.AgentView;
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

/** The tenant's agents: who may sign in, their role, teams, skills, languages and capacity per channel. */
@Path("/api/v1/admin/agents")
@RolesAllowed(Caller.ADMIN)
@Tag(name = "workspace")
@Blocking
public class AgentAdminResource {

    private final WorkspaceAdmin admin;

    AgentAdminResource(WorkspaceAdmin admin) {
        this.admin = admin;
    }

    @GET
    @RolesAllowed({Caller.AGENT, Caller.ADMIN})
    @Operation(summary = "Every agent of the workspace, deactivated ones included (active=false)")
    public List<AgentView> list() {
        return WorkspaceViews.agents(admin.workspace());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.AGENT, Caller.ADMIN})
    public AgentView get(@PathParam("id") String id) {
        return AgentView.of(admin.find(workspace -> workspace.agents().get(id), WorkspaceDecider.noAgent(id)));
    }

    @POST
    @Operation(summary = "Add an agent (id defaults to the email's local part; capacity to 5 on any channel)")
    public Response create(AgentForm form) {
        ProfileUpdated created = (ProfileUpdated) admin.run((decider, workspace, actor, now) ->
                decider.createAgent(workspace, form == null ? emptyForm() : form, actor));
        return Response.status(Response.Status.CREATED).entity(AgentView.of(created)).build();
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Change an agent; fields left out keep their value")
    public AgentView update(@PathParam("id") String id, AgentForm form) {
        return AgentView.of((ProfileUpdated) admin.run((decider, workspace, actor, now) ->
                decider.updateAgent(workspace, id, form == null ? emptyForm() : form, actor)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Deactivate an agent: they take no new conversations; their history stays")
    public AgentView deactivate(@PathParam("id") String id) {
        return AgentView.of((ProfileUpdated) admin.run((decider, workspace, actor, now) ->
                decider.deactivateAgent(workspace, id, actor)));
    }

    private static AgentForm emptyForm() {
        return new AgentForm(null, null, null, null, null, null, null, null, null);
    }
}
