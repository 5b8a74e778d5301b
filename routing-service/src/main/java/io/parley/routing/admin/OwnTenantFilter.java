package io.parley.routing.admin;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Another tenant's routing answers 404, exactly like a tenant routing does not know, so a token of one tenant cannot
 * even learn whether another exists (DESIGN §6). Requests without a valid token are left to {@code @RolesAllowed}
 * (401).
 */
@Provider
@OwnTenantOnly
public class OwnTenantFilter implements ContainerRequestFilter {

    static final String TENANT_CLAIM = "tenant";
    static final String TENANT_PATH_PARAM = "tenant";

    @Inject
    JsonWebToken jwt;

    @Override
    public void filter(ContainerRequestContext request) {
        if (jwt.getRawToken() == null) {
            return;
        }
        String tenant = request.getUriInfo().getPathParameters().getFirst(TENANT_PATH_PARAM);
        String own = jwt.getClaim(TENANT_CLAIM);
        if (own == null || !own.equals(tenant)) {
            request.abortWith(RoutingAdminResource.unknownTenant(tenant));
        }
    }
}
