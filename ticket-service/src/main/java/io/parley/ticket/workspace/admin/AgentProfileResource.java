package io.parley.ticket.workspace.admin;

import io.parley.edge.auth.Caller;
import io.parley.events.agent.AgentEvent.ProfileUpdated;
import io.parley.ticket.projection.ConversationRow;
import io.parley.ticket.workspace.WorkspaceViews.AgentView;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own profile, presence and current load against capacity. */
@Path("/api/v1/agents/me")
@RolesAllowed({Caller.AGENT, Caller.ADMIN})
@Tag(name = "agents")
public class AgentProfileResource {

    private final WorkspaceLog log;
    private final Caller caller;

    AgentProfileResource(WorkspaceLog log, Caller caller) {
        this.log = log;
        this.caller = caller;
    }

    /** {@code profile} is null for a caller no administrator has added to the workspace. */
    public record Me(String id, String tenant, String presence, AgentView profile, long openConversations,
            Map<String, Integer> capacity) {
    }

    @GET
    @WithSession
    @Operation(summary = "Who the caller is in the workspace: profile, presence, conversations they hold now")
    public Uni<Me> me() {
        String tenant = caller.tenant();
        String agentId = caller.agentId();
        ProfileUpdated profile = log.workspace(tenant).agents().get(agentId);
        String presence = log.presenceOf(tenant, agentId).name().toLowerCase(Locale.ROOT);
        return ConversationRow.count("tenant = ?1 and assignee = ?2 and status in ?3", tenant, agentId,
                        List.of("open", "pending"))
                .map(open -> new Me(agentId, tenant, presence, profile == null ? null : AgentView.of(profile), open,
                        profile == null ? Map.of() : profile.capacity()));
    }
}
