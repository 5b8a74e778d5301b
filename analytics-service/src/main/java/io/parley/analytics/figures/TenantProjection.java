package io.parley.analytics.figures;

import io.parley.events.Event;
import io.parley.events.agent.AgentEvent;
import io.parley.events.conversation.ConversationEvent;
import io.parley.events.workspace.Workspace;
import io.parley.events.workspace.WorkspaceEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything analytics knows of one tenant, folded from the three logs as they are written: conversations,
 * agents' presence, the workspace (teams, hours, agent profiles) and the customer's words. Writes come from one
 * thread (the log follower); readers take the lock through {@link #read}, so a figure never sees half an event.
 */
public final class TenantProjection {

    private final String tenant;
    private final Map<String, ConversationTimeline> conversations = new HashMap<>();
    private final Map<String, AgentTimeline> agents = new HashMap<>();
    private final Map<String, Event> workspaceEvents = new LinkedHashMap<>();
    private Workspace workspace;
    private Instant updatedAt;

    public TenantProjection(String tenant) {
        this.tenant = tenant;
        this.workspace = Workspace.empty(tenant);
    }

    public String tenant() {
        return tenant;
    }

    /** Folds one event of this tenant; false when it changed nothing (a duplicate, or a type the figures do not read). */
    public synchronized boolean apply(Event event) {
        boolean changed = false;
        Object data = event.data();
        if (data instanceof ConversationEvent) {
            changed = conversations.computeIfAbsent(event.subject(), ConversationTimeline::new).add(event);
        } else if (data instanceof AgentEvent.PresenceChanged presence) {
            changed = agents.computeIfAbsent(presence.agentId(), AgentTimeline::new).add(event);
        } else if (data instanceof WorkspaceEvent || data instanceof AgentEvent.ProfileUpdated) {
            changed = workspaceEvents.putIfAbsent(event.id(), event) == null;
            if (changed) {
                workspace = workspace.evolve(event);
            }
        }
        if (changed && (updatedAt == null || event.time().isAfter(updatedAt))) {
            updatedAt = event.time();
        }
        return changed;
    }

    /** Runs a reader under the projection's lock. */
    public synchronized <T> T read(Function<TenantProjection, T> reader) {
        return reader.apply(this);
    }

    // ---- read accessors: call them inside read() ----

    public Collection<ConversationTimeline> conversations() {
        return conversations.values();
    }

    public ConversationTimeline conversation(String id) {
        return conversations.get(id);
    }

    public Collection<AgentTimeline> agents() {
        return agents.values();
    }

    public Workspace workspace() {
        return workspace;
    }

    /** The latest event time folded: when the figures last changed, in the log's own clock. */
    public Instant updatedAt() {
        return updatedAt;
    }

    /** The tenant's time zone: the {@code default} business-hours calendar's, else UTC. */
    public ZoneId zone() {
        var hours = workspace.hours().get(Workspace.DEFAULT_CALENDAR);
        try {
            return hours == null ? ZoneOffset.UTC : hours.zone();
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** Every event the projection keeps, to checkpoint it: folding them again gives the same projection. */
    public synchronized List<Event> keptEvents() {
        List<Event> kept = new ArrayList<>(workspaceEvents.values());
        agents.values().forEach(agent -> kept.addAll(agent.events()));
        conversations.values().forEach(conversation -> kept.addAll(conversation.events()));
        return kept;
    }
}
