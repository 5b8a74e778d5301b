package io.parley.bot.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parley.bot.hours.BusinessHours;
import io.parley.bot.tenant.DocumentKind;
import io.parley.bot.tenant.TenantDocuments;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Business hours per team of the caller's tenant; the team {@code default} covers teams without their own. */
@Path("/api/v1/business-hours/{team}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.AGENT, Caller.ADMIN})
public class BusinessHoursResource {

    private final Caller caller;
    private final Documents<BusinessHours> hours;

    public BusinessHoursResource(Caller caller, TenantDocuments store) {
        this.caller = caller;
        this.hours = new Documents<>(store, DocumentKind.BUSINESS_HOURS, BusinessHours.class, BusinessHours::problems);
    }

    @GET
    public Uni<Response> get(@PathParam("team") String team) {
        return hours.get(caller.tenant(), team);
    }

    @PUT
    @RolesAllowed(Caller.ADMIN)
    public Uni<Response> put(@PathParam("team") String team, String body) throws JsonProcessingException {
        return hours.put(caller.tenant(), team, hours.read(body, MediaType.APPLICATION_JSON));
    }

    @DELETE
    @RolesAllowed(Caller.ADMIN)
    public Uni<Response> delete(@PathParam("team") String team) {
        return hours.delete(caller.tenant(), team);
    }
}
