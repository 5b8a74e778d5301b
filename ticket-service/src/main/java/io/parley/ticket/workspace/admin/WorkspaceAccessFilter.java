package io.parley.ticket.workspace.admin;

import io.parley.edge.auth.Caller;
import io.parley.edge.problem.ApiErrors;
import io.parley.events.agent.AgentEvent.ProfileUpdated;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What the workspace says about a caller beats what their token says: a deactivated agent is refused everywhere, and
 * an agent whose workspace role is {@code agent} may not administer it, even with a token still carrying the
 * {@code admin} group (tokens live for hours; a change of role or a deactivation applies at once). A caller no
 * administrator has added (the identity provider's own admins, the platform's operators) goes by the token alone.
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 1)
public class WorkspaceAccessFilter implements ContainerRequestFilter {

    private static final String ADMIN_PATHS = "api/v1/admin/";
    private static final String PLATFORM_PATHS = "api/v1/admin/projection";

    private final WorkspaceLog log;
    private final JsonWebToken jwt;

    WorkspaceAccessFilter(WorkspaceLog log, JsonWebToken jwt) {
        this.log = log;
        this.jwt = jwt;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String tenant = jwt.getClaim(Caller.TENANT_CLAIM);
        if (tenant == null || jwt.getName() == null) {
            return; // unauthenticated or not a tenant's caller: the endpoint's own checks answer
        }
        ProfileUpdated profile = log.workspace(tenant).agents().get(jwt.getName());
        if (profile == null) {
            return;
        }
        if (!profile.isActive()) {
            throw ApiErrors.problems(403, "Forbidden", List.of("agent '" + profile.agentId() + "' is deactivated "
                    + "in this workspace: an admin can reactivate them (PUT /api/v1/admin/agents/" + profile.agentId()
                    + " {\"active\": true})"));
        }
        String path = request.getUriInfo().getPath().replaceFirst("^/", "");
        if (path.startsWith(ADMIN_PATHS) && !path.startsWith(PLATFORM_PATHS) && request.getMethod() != null
                && !"GET".equals(request.getMethod()) && "agent".equals(profile.role())) {
            throw ApiErrors.problems(403, "Forbidden", List.of("agent '" + profile.agentId() + "' has the workspace "
                    + "role 'agent': only admins change the workspace"));
        }
    }
}
