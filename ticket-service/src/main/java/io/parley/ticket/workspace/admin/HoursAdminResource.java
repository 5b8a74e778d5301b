package io.parley.ticket.workspace.admin;

import io.parley.edge.auth.Caller;
import io.parley.events.hours.BusinessHours;
import io.parley.ticket.workspace.WorkspaceDecider;
import io.parley.ticket.workspace.WorkspaceViews;
import io.parley.ticket.workspace.WorkspaceViews.CalendarView;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Business-hours calendars, the one place they are administered: {@code default} for the workspace, others for teams
 * that name them ({@code hoursCalendar}). The bot's after-hours handoff and the SLA clocks read the same calendars.
 */
@Path("/api/v1/admin/hours")
@RolesAllowed(Caller.ADMIN)
@Tag(name = "workspace")
@Blocking
public class HoursAdminResource {

    private final WorkspaceAdmin admin;

    HoursAdminResource(WorkspaceAdmin admin) {
        this.admin = admin;
    }

    @GET
    public List<CalendarView> list() {
        return WorkspaceViews.calendars(admin.workspace());
    }

    @GET
    @Path("/{calendar}")
    public CalendarView get(@PathParam("calendar") String calendar) {
        return new CalendarView(calendar, admin.find(workspace -> workspace.hours().get(calendar),
                WorkspaceDecider.noCalendar(calendar)));
    }

    @PUT
    @Path("/{calendar}")
    @Operation(summary = "Set a calendar: {timeZone, weekly: {MONDAY: [{from, to}]}, holidays: [date]}")
    public CalendarView set(@PathParam("calendar") String calendar, BusinessHours hours) {
        admin.run((decider, workspace, actor, now) -> decider.setHours(workspace, calendar, hours, actor));
        return get(calendar);
    }

    @DELETE
    @Path("/{calendar}")
    @Operation(summary = "Remove a calendar no team works by (teams then fall back to default; none = always open)")
    public Response clear(@PathParam("calendar") String calendar) {
        admin.run((decider, workspace, actor, now) -> decider.clearHours(workspace, calendar, actor));
        return Response.noContent().build();
    }
}
