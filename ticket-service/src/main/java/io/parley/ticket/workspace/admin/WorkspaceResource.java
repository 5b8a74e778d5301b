package io.parley.ticket.workspace.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.edge.auth.Caller;
import io.parley.events.workspace.Workspace;
import io.parley.ticket.lifecycle.TicketPolicy;
import io.parley.ticket.workspace.WorkspaceViews.AgentView;
import io.parley.ticket.workspace.WorkspaceViews.CalendarView;
import io.parley.ticket.workspace.WorkspaceViews.ChannelView;
import io.parley.ticket.workspace.WorkspaceViews.SlaPolicyView;
import io.parley.ticket.workspace.WorkspaceViews.TeamView;
import io.parley.ticket.workspace.WorkspaceViews;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A tenant's settings in one view. Channels, teams, agents, hours and SLA policies come from the workspace log (SLA
 * policies the workspace does not set from this service's configuration); the bot's settings and the routing rules from their services' own admin APIs, asked
 * with the caller's token (an admin read, not the message path). A part its service cannot give now is shown as
 * {@code {"unavailable": why}} rather than failing the whole view.
 */
@Path("/api/v1/admin")
@RolesAllowed(Caller.ADMIN)
@Tag(name = "workspace")
@Blocking
public class WorkspaceResource {

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WorkspaceAdmin admin;
    private final WorkspaceLog log;
    private final Caller caller;
    private final TicketPolicy policy;
    private final Optional<String> botUrl;
    private final Optional<String> routingUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(ASK_TIMEOUT).build();

    WorkspaceResource(WorkspaceAdmin admin, WorkspaceLog log, Caller caller, TicketPolicy policy,
            @ConfigProperty(name = "parley.workspace.bot-url") Optional<String> botUrl,
            @ConfigProperty(name = "parley.workspace.routing-url") Optional<String> routingUrl) {
        this.admin = admin;
        this.log = log;
        this.caller = caller;
        this.policy = policy;
        this.botUrl = botUrl;
        this.routingUrl = routingUrl;
    }

    public record WorkspaceView(String tenant, List<ChannelView> channels, List<TeamView> teams,
            List<AgentView> agents, List<CalendarView> hours, List<SlaPolicyView> slaPolicies, JsonNode botSettings,
            JsonNode routingRules) {
    }

    @GET
    @Path("/workspace")
    @Operation(summary = "The workspace's channels (no secrets), teams, agents, hours, SLA policies, bot settings and "
            + "routing rules")
    public WorkspaceView workspace(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Workspace workspace = admin.workspace();
        return new WorkspaceView(workspace.tenant(), WorkspaceViews.channels(workspace), WorkspaceViews.teams(workspace),
                WorkspaceViews.agents(workspace), WorkspaceViews.calendars(workspace),
                WorkspaceViews.slaPolicies(policy.sla(), workspace),
                ask(botUrl, "parley.workspace.bot-url", "/api/v1/kb/settings", authorization),
                ask(routingUrl, "parley.workspace.routing-url", "/api/v1/routing/" + caller.tenant() + "/rules",
                        authorization));
    }

    @GET
    @Path("/audit")
    @Operation(summary = "The newest workspace changes first (up to 200): who changed what, and when")
    public List<WorkspaceLog.AuditEntry> audit() {
        return log.audit(caller.tenant());
    }

    private JsonNode ask(Optional<String> baseUrl, String setting, String path, String authorization) {
        if (baseUrl.isEmpty()) {
            return unavailable(setting + " is not configured");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl.get() + path)).timeout(ASK_TIMEOUT)
                .header(HttpHeaders.AUTHORIZATION, authorization).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return JSON.nullNode(); // nothing set yet: the service's defaults apply
            }
            if (response.statusCode() != 200) {
                return unavailable(path + " answered " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            return unavailable(path + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("interrupted");
        }
    }

    private static JsonNode unavailable(String why) {
        return JSON.createObjectNode().put("unavailable", why);
    }
}
