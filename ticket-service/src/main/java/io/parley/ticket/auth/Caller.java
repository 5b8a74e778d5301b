package io.parley.ticket.auth;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The agent behind the current request: their tenant (every query is scoped to it) and their id. */
@RequestScoped
public class Caller {

    public static final String TENANT_CLAIM = "tenant";
    public static final String AGENT = "agent";
    public static final String ADMIN = "admin";
    /** Operators of the whole platform: the only ones who may act on every tenant's data at once. */
    public static final String PLATFORM = "platform";

    @Inject
    JsonWebToken jwt;

    @Inject
    SecurityIdentity identity;

    public String tenant() {
        String tenant = jwt.getClaim(TENANT_CLAIM);
        if (tenant == null || tenant.isBlank()) {
            throw new ForbiddenException("the token has no 'tenant' claim: ask for a token issued for a tenant");
        }
        return tenant;
    }

    public String agentId() {
        return jwt.getName();
    }

    public boolean isAdmin() {
        return identity.hasRole(ADMIN);
    }
}
