package io.parley.analytics.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.analytics.figures.DrillDown;
import io.parley.analytics.figures.Filter;
import io.parley.analytics.figures.Kpis;
import io.parley.analytics.figures.LiveFigures;
import io.parley.analytics.figures.Period;
import io.parley.analytics.figures.TenantProjection;
import io.parley.analytics.live.LivePushes;
import io.parley.analytics.projection.AnalyticsRuntime;
import io.parley.edge.auth.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The dashboard's figures for the caller's tenant (the token's {@code tenant} claim), folded from the logs as they
 * are written; each figure is defined in docs/metrics.md. Filters: {@code team} and {@code channel} (wire name).
 */
@Path("/api/v1/metrics")
@RolesAllowed({"agent", "admin"})
public class MetricsResource {

    private final AnalyticsRuntime runtime;
    private final Caller caller;
    private final ObjectMapper json;

    public MetricsResource(AnalyticsRuntime runtime, Caller caller, ObjectMapper json) {
        this.runtime = runtime;
        this.caller = caller;
        this.json = json;
    }

    @GET
    @Path("/live")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live now: conversations by state, unattended, queues per team, agents, SLA at risk")
    public LiveFigures live(@QueryParam("team") String team, @QueryParam("channel") String channel) {
        return live(caller.tenant(), new Filter(team, channel));
    }

    @GET
    @Path("/kpis")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Figures over a period: response and resolution times, SLA, CSAT, bot, routing, volume,"
            + " heatmap, presence, hot words, sentiment, series")
    public Kpis kpis(@Parameter(description = "today, yesterday, 7d or 30d (tenant's days); default today")
            @QueryParam("period") String period, @Parameter(description = "ISO instant, with to")
            @QueryParam("from") String from, @Parameter(description = "ISO instant, exclusive")
            @QueryParam("to") String to, @QueryParam("team") String team, @QueryParam("channel") String channel) {
        TenantProjection tenant = tenant();
        Period span = period(tenant, period, from, to);
        return tenant.read(t -> Kpis.compute(t, new Filter(team, channel), span, Instant.now(), runtime.slaRules()));
    }

    @GET
    @Path("/conversations")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The conversations behind a figure (drill-down); figure names and keys in docs/metrics.md")
    public List<DrillDown.Row> conversations(@QueryParam("figure") String figure,
            @Parameter(description = "narrows the figure to one entry: a handoff reason, CSAT score, heatmap cell"
                    + " (weekday-hour, Monday = 0), article, question, word, SLA policy/metric or agent id")
            @QueryParam("key") String key,
            @QueryParam("period") String period, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("team") String team, @QueryParam("channel") String channel) {
        return rows(figure, key, period, from, to, team, channel);
    }

    @GET
    @Path("/export.csv")
    @Produces("text/csv")
    @Operation(summary = "One row per conversation active in the period, as CSV")
    public Response export(@QueryParam("period") String period, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("team") String team, @QueryParam("channel") String channel) {
        String csv = DrillDown.csv(rows("all", null, period, from, to, team, channel));
        return Response.ok(csv, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"parley-conversations.csv\"").build();
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live figures pushed as server-sent events named 'live' (data: the JSON of /live), at once"
            + " and after every change, at most one per second")
    public void stream(@QueryParam("team") String team, @QueryParam("channel") String channel,
            @Context SseEventSink sink, @Context Sse sse) {
        String tenant = caller.tenant();
        Filter filter = new Filter(team, channel);
        LivePushes.Viewer[] viewer = new LivePushes.Viewer[1];
        viewer[0] = runtime.pushes().subscribe(tenant, () -> {
            if (sink.isClosed()) {
                throw new IllegalStateException("viewer gone");
            }
            sink.send(sse.newEventBuilder().name("live").mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(String.class, toJson(live(tenant, filter))).build())
                    .whenComplete((sent, failure) -> {
                        if (failure != null && viewer[0] != null) {
                            viewer[0].unsubscribe();
                        }
                    });
        });
    }

    private List<DrillDown.Row> rows(String figure, String key, String period, String from, String to, String team,
            String channel) {
        TenantProjection tenant = tenant();
        Period span = period(tenant, period, from, to);
        try {
            return tenant.read(t -> DrillDown.rows(t, figure, key, new Filter(team, channel), span, Instant.now(),
                    runtime.slaRules()));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    private LiveFigures live(String tenant, Filter filter) {
        return runtime.projection().tenant(tenant)
                .read(t -> LiveFigures.compute(t, filter, Instant.now(), runtime.slaRules()));
    }

    private TenantProjection tenant() {
        return runtime.projection().tenant(caller.tenant());
    }

    private static Period period(TenantProjection tenant, String period, String from, String to) {
        try {
            return Period.of(period, from, to, tenant.read(TenantProjection::zone), Instant.now());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("figures are plain records and always serialise: " + e.getMessage(), e);
        }
    }
}
