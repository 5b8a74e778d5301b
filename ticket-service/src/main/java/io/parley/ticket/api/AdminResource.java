package io.parley.ticket.api;

import io.parley.edge.auth.Caller;
import io.parley.ticket.projection.ProjectionRebuild;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Operations on the whole projection, every tenant at once: platform operators only. A tenant's admin gets 403, since
 * a rebuild stalls every tenant and the digest covers rows that are not theirs.
 */
@Path("/api/v1/admin/projection")
@RolesAllowed(Caller.PLATFORM)
@Tag(name = "admin")
@Blocking
public class AdminResource {

    @Inject
    ProjectionRebuild rebuild;

    @POST
    @Path("/rebuild")
    @Operation(summary = "Drop the projection and replay conversation-events from offset 0 (synchronous)")
    public ProjectionRebuild.Result rebuild() throws Throwable {
        return rebuild.rebuild();
    }

    @GET
    @Path("/hash")
    @Operation(summary = "A digest of every projected row, to compare projections")
    public Map<String, String> hash() throws Throwable {
        return Map.of("stateHash", rebuild.stateHash());
    }
}
