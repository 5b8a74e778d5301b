package io.parley.analytics.api;

import jakarta.ws.rs.ForbiddenException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The tenant a caller acts for: the gateway token's {@code tenant} claim; nothing else picks it. */
public final class CallerTenant {

    private CallerTenant() {
    }

    public static String of(JsonWebToken caller) {
        String tenant = caller.getClaim("tenant");
        if (tenant == null || tenant.isBlank()) {
            throw new ForbiddenException("the token has no 'tenant' claim: ask for a token issued for a tenant");
        }
        return tenant;
    }
}
