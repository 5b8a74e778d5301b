package io.parley.bot.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parley.bot.hours.BusinessHours;
import io.parley.bot.tenant.DocumentKind;
import io.parley.bot.tenant.TenantDocuments;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Business hours per team of a tenant ({@code ?tenant=}); the team {@code default} covers teams without their own. */
@Path("/api/v1/business-hours/{team}")
@Produces(MediaType.APPLICATION_JSON)
public class BusinessHoursResource {

    private final Documents<BusinessHours> hours;

    public BusinessHoursResource(TenantDocuments store) {
        this.hours = new Documents<>(store, DocumentKind.BUSINESS_HOURS, BusinessHours.class, BusinessHours::problems);
    }

    @GET
    public Uni<Response> get(@QueryParam("tenant") String tenant, @PathParam("team") String team) {
        return hours.get(ApiErrors.requireTenant(tenant), team);
    }

    @PUT
    public Uni<Response> put(@QueryParam("tenant") String tenant, @PathParam("team") String team, String body)
            throws JsonProcessingException {
        return hours.put(ApiErrors.requireTenant(tenant), team, hours.read(body, MediaType.APPLICATION_JSON));
    }

    @DELETE
    public Uni<Response> delete(@QueryParam("tenant") String tenant, @PathParam("team") String team) {
        return hours.delete(ApiErrors.requireTenant(tenant), team);
    }
}
