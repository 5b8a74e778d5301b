package io.parley.bot.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Whoever holds the agent-gateway token of this request: every document they see or change is their tenant's. */
@RequestScoped
public class Caller {

    public static final String TENANT_CLAIM = "tenant";
    public static final String AGENT = "agent";
    public static final String ADMIN = "admin";

    @Inject
    JsonWebToken jwt;

    public String tenant() {
        String tenant = jwt.getClaim(TENANT_CLAIM);
        if (tenant == null || tenant.isBlank()) {
            throw new ForbiddenException(Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON)
                    .entity(new ApiErrors.Problem("the token has no '" + TENANT_CLAIM + "' claim",
                            List.of("ask the agent gateway for a token issued for a tenant")))
                    .build());
        }
        return tenant;
    }
}
