package io.parley.routing.admin;

import io.parley.edge.auth.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Another tenant's routing answers 404, exactly like a tenant routing does not know, so a token of one tenant cannot
 * even learn whether another exists (DESIGN §6). Requests without a valid token are left to {@code @RolesAllowed}
 * (401).
 */
@Provider
@OwnTenantOnly
public class OwnTenantFilter implements ContainerRequestFilter {

    static final String TENANT_PATH_PARAM = "tenant";

    @Inject
    Caller caller;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!caller.isAuthenticated()) {
            return;
        }
        String tenant = request.getUriInfo().getPathParameters().getFirst(TENANT_PATH_PARAM);
        if (!caller.belongsTo(tenant)) {
            request.abortWith(RoutingAdminResource.unknownTenant(tenant).getResponse());
        }
    }
}
