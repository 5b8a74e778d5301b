package io.parley.analytics.tally;

import io.parley.analytics.api.CallerTenant;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

@Path("/api/v1/metrics/event-counts")
@RolesAllowed({"agent", "admin"})
public class EventCountsResource {

    private final EventTally tally;
    private final JsonWebToken caller;

    public EventCountsResource(EventTally tally, JsonWebToken caller) {
        this.tally = tally;
        this.caller = caller;
    }

    /** How many events of each type the log holds for the caller's tenant (the token's {@code tenant} claim). */
    @GET
    public Uni<List<EventTally.TypeCount>> counts() {
        return tally.countsFor(CallerTenant.of(caller));
    }
}
