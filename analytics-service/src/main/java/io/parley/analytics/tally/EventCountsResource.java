package io.parley.analytics.tally;

import io.parley.edge.auth.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;

@Path("/api/v1/metrics/event-counts")
@RolesAllowed({"agent", "admin"})
public class EventCountsResource {

    private final EventTally tally;
    private final Caller caller;

    public EventCountsResource(EventTally tally, Caller caller) {
        this.tally = tally;
        this.caller = caller;
    }

    /** How many events of each type the log holds for the caller's tenant (the token's {@code tenant} claim). */
    @GET
    public Uni<List<EventTally.TypeCount>> counts() {
        return tally.countsFor(caller.tenant());
    }
}
