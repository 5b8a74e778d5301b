package io.parley.routing.admin;

import io.parley.edge.auth.Caller;
import io.parley.edge.problem.ApiErrors;
import io.parley.routing.agent.Agent;
import io.parley.routing.decider.Fact;
import io.parley.routing.decider.Figures;
import io.parley.routing.decider.TenantRouter;
import io.parley.routing.queue.QueueEntry;
import io.parley.routing.rules.ContactProfile;
import io.parley.routing.rules.RuleBook;
import io.parley.routing.settings.RoutingSettings;
import io.parley.routing.team.OfflinePolicy;
import io.parley.routing.team.Strategy;
import io.parley.routing.work.RoutingWorkers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Routing administration for one tenant: its rules, settings and contact profiles, and reads of its teams, agents,
 * queues and figures. Teams and agents are configured in the workspace (the gateway's {@code /api/v1/admin/teams} and
 * {@code /api/v1/admin/agents}, through {@code workspace-events} and {@code agent-events}), never here. Changes are
 * appended to the routing work topic and answered 202: the decider applies them in order with everything else, and
 * they survive restarts because the decider rebuilds from that topic. Reads come from this instance's read replica,
 * which holds every tenant, so any instance answers. Callers present an agent-gateway token of the tenant: agents
 * read, admins also write.
 */
@Path("/api/v1/routing/{tenant}")
@OwnTenantOnly
@RolesAllowed({Caller.AGENT, Caller.ADMIN})
public class RoutingAdminResource {


    private final RoutingWorkers workers;

    RoutingAdminResource(RoutingWorkers workers) {
        this.workers = workers;
    }

    public record TeamView(String id, Strategy strategy, OfflinePolicy offlinePolicy, int onlineAgents, int queued) {
    }

    public record AgentView(String id, String displayName, String presence, boolean active, List<String> teams,
            List<String> skills, List<String> languages, Map<String, Integer> capacity, List<String> conversations) {
    }

    public record WaitingView(int position, String conversationId, String priority, Instant waitingSince) {
    }

    @GET
    @Path("/teams")
    public List<TeamView> teams(@PathParam("tenant") String tenant) {
        return read(tenant, router -> {
            TreeSet<String> ids = new TreeSet<>(router.queues().all().keySet());
            router.roster().all().forEach(agent -> ids.addAll(agent.teams()));
            router.teams().configured().forEach(team -> ids.add(team.id()));
            return ids.stream().map(router.teams()::get).map(team -> new TeamView(team.id(), team.strategy(),
                    team.offlinePolicy(), router.roster().onlineMembers(team.id()).size(),
                    router.queues().team(team.id()).size())).toList();
        });
    }

    @GET
    @Path("/settings")
    public RoutingSettings settings(@PathParam("tenant") String tenant) {
        return read(tenant, TenantRouter::settings);
    }

    @PUT
    @RolesAllowed(Caller.ADMIN)
    @Path("/settings")
    public Response changeSettings(@PathParam("tenant") String tenant, RoutingSettings settings) {
        if (settings == null) {
            throw ApiErrors.badRequest("send {\"botEnabled\": true|false}");
        }
        workers.append(new Fact.SettingsChanged(newId(), Instant.now(), tenant, settings));
        return Response.accepted().build();
    }

    @GET
    @Path("/rules")
    public RuleBook rules(@PathParam("tenant") String tenant) {
        return read(tenant, TenantRouter::rules);
    }

    @PUT
    @RolesAllowed(Caller.ADMIN)
    @Path("/rules")
    public Response replaceRules(@PathParam("tenant") String tenant, RuleBook rules) {
        if (rules == null) {
            throw ApiErrors.badRequest("send {\"rules\": [...], \"triageTeam\": \"...\"}");
        }
        workers.append(new Fact.RulesReplaced(newId(), Instant.now(), tenant, rules));
        return Response.accepted().build();
    }

    @PUT
    @RolesAllowed(Caller.ADMIN)
    @Path("/contacts/{conversationId}/profile")
    public Response profileContact(@PathParam("tenant") String tenant,
            @PathParam("conversationId") String conversationId, ContactProfile profile) {
        workers.append(new Fact.ContactProfiled(newId(), Instant.now(), tenant, conversationId,
                profile == null ? ContactProfile.UNKNOWN : profile));
        return Response.accepted().build();
    }

    @GET
    @Path("/agents")
    public List<AgentView> agents(@PathParam("tenant") String tenant) {
        return read(tenant, router -> router.roster().all().stream().sorted(Comparator.comparing(Agent::id))
                .map(RoutingAdminResource::view).toList());
    }

    @GET
    @Path("/queues/{team}")
    public List<WaitingView> queue(@PathParam("tenant") String tenant, @PathParam("team") String team) {
        return read(tenant, router -> {
            List<QueueEntry> waiting = router.queues().team(team).head(Integer.MAX_VALUE);
            return IntStream.range(0, waiting.size()).mapToObj(i -> new WaitingView(i + 1,
                    waiting.get(i).conversationId(), waiting.get(i).priority().name().toLowerCase(Locale.ROOT),
                    waiting.get(i).waitingSince())).toList();
        });
    }

    /** Right-first-time, queue lengths and waits, for analytics. */
    @GET
    @Path("/figures")
    public Figures figures(@PathParam("tenant") String tenant) {
        return read(tenant, router -> router.figures(Instant.now()));
    }

    private <T> T read(String tenant, Function<TenantRouter, T> reader) {
        return workers.read(tenant, reader).orElseThrow(() -> unknownTenant(tenant));
    }

    /** The one answer for a tenant routing does not know here and for another tenant's: they must look the same. */
    static WebApplicationException unknownTenant(String tenant) {
        return ApiErrors.problems(404, "Not Found", List.of("routing knows no tenant '" + tenant
                + "': it has no routing facts yet"));
    }

    private static AgentView view(Agent agent) {
        return new AgentView(agent.id(), agent.displayName(), agent.presence().name().toLowerCase(Locale.ROOT),
                agent.isActive(), List.copyOf(agent.teams()), List.copyOf(new TreeSet<>(agent.skills())),
                List.copyOf(new TreeSet<>(agent.languages())), agent.capacity(), List.copyOf(agent.conversations()));
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
