package io.parley.edge.auth;

import io.parley.edge.problem.ApiErrors;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Whoever holds the agent-gateway token of the current request: their tenant (every read and write is scoped to it),
 * their id and their roles (the token's {@code groups}). The one reading of the token for every service; a service
 * without agent tokens (ingest) leaves this package out ({@code quarkus.arc.exclude-types}).
 */
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

    /** The caller's tenant; a token without one is refused with a 403 problem that says what to ask for. */
    public String tenant() {
        String tenant = jwt.getClaim(TENANT_CLAIM);
        if (tenant == null || tenant.isBlank()) {
            throw ApiErrors.problems(403, "Forbidden", List.of("the token has no '" + TENANT_CLAIM
                    + "' claim: ask the agent gateway for a token issued for a tenant"));
        }
        return tenant;
    }

    /** Whether the request carries a verified token at all. */
    public boolean isAuthenticated() {
        return jwt.getRawToken() != null;
    }

    /** Whether the caller's token is of {@code tenant}. */
    public boolean belongsTo(String tenant) {
        String own = jwt.getClaim(TENANT_CLAIM);
        return own != null && own.equals(tenant);
    }

    public String agentId() {
        return jwt.getName();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public boolean isAdmin() {
        return hasRole(ADMIN);
    }
}
