package io.parley.ticket.workspace.admin;

import io.parley.edge.auth.Caller;
import io.parley.edge.problem.ApiErrors;
import io.parley.ticket.lifecycle.TicketPolicy;
import io.parley.ticket.workspace.Forms.SlaForm;
import io.parley.ticket.workspace.WorkspaceViews;
import io.parley.ticket.workspace.WorkspaceViews.SlaPolicyView;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * SLA policies, one per priority (urgent, high, normal, low). The workspace's own policy of a priority replaces the
 * configured one ({@code parley.tickets.sla.*}) for this tenant: the ticket service's breach timers and analytics' SLA
 * figures read it from the workspace log. A team's {@code slaPolicy} (business-hours, wall-clock) still overrides
 * whether its clocks count business hours.
 */
@Path("/api/v1/admin/sla")
@RolesAllowed(Caller.ADMIN)
@Tag(name = "workspace")
@Blocking
public class SlaAdminResource {

    private final WorkspaceAdmin admin;
    private final TicketPolicy policy;

    SlaAdminResource(WorkspaceAdmin admin, TicketPolicy policy) {
        this.admin = admin;
        this.policy = policy;
    }

    @GET
    @Operation(summary = "Every priority's SLA policy, with its source: the workspace's own or the configured one")
    public List<SlaPolicyView> list() {
        return WorkspaceViews.slaPolicies(policy.sla(), admin.workspace());
    }

    @GET
    @Path("/{priority}")
    public SlaPolicyView get(@PathParam("priority") String priority) {
        return list().stream().filter(view -> view.priority().equals(priority)).findFirst()
                .orElseThrow(() -> ApiErrors.problems(404, "Not found",
                        List.of("no priority '" + priority + "': urgent, high, normal or low")));
    }

    @PUT
    @Path("/{priority}")
    @Operation(summary = "Set the workspace's policy of a priority: {firstReply, nextReply, resolution} as ISO-8601 "
            + "durations, businessHours (default false), goalPercent (default 90); applies to each conversation's "
            + "clocks from its next event on")
    public SlaPolicyView set(@PathParam("priority") String priority, SlaForm form) {
        admin.run((decider, workspace, actor, now) -> decider.setSlaPolicy(workspace, priority, form, actor));
        return get(priority);
    }

    @DELETE
    @Path("/{priority}")
    @Operation(summary = "Remove the workspace's policy of a priority: the configured one applies again")
    public Response clear(@PathParam("priority") String priority) {
        admin.run((decider, workspace, actor, now) -> decider.clearSlaPolicy(workspace, priority, actor));
        return Response.noContent().build();
    }
}
