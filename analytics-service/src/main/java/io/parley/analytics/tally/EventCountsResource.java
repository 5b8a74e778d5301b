package io.parley.analytics.tally;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;

@Path("/api/v1/metrics/event-counts")
public class EventCountsResource {

    private final EventTally tally;

    public EventCountsResource(EventTally tally) {
        this.tally = tally;
    }

    /** How many events of each type the log holds for a tenant. */
    @GET
    public Uni<List<EventTally.TypeCount>> counts(@QueryParam("tenant") String tenant) {
        if (tenant == null || tenant.isBlank()) {
            throw new BadRequestException("query parameter 'tenant' is required, e.g. ?tenant=acme");
        }
        return tally.countsFor(tenant);
    }
}
