package io.parley.events.workspace;

import io.parley.events.Event;
import io.parley.events.agent.AgentEvent.ProfileUpdated;
import io.parley.events.hours.BusinessHours;
import io.parley.events.sla.SlaTargets;
import io.parley.events.workspace.WorkspaceEvent.ChannelSaved;
import io.parley.events.workspace.WorkspaceEvent.HoursCleared;
import io.parley.events.workspace.WorkspaceEvent.HoursSet;
import io.parley.events.workspace.WorkspaceEvent.SlaPolicyCleared;
import io.parley.events.workspace.WorkspaceEvent.SlaPolicySet;
import io.parley.events.workspace.WorkspaceEvent.TeamDeleted;
import io.parley.events.workspace.WorkspaceEvent.TeamSaved;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One tenant's workspace as folded from {@code workspace-events} and the profiles of {@code agent-events}: teams,
 * business-hours calendars, channel accounts, agents and SLA policies (by priority wire name), each by id. Every event carries an entity's whole settings,
 * so applying one twice, or an older one again right after itself, leaves the same state: the fold needs no set of
 * applied ids. Immutable; {@link #evolve} returns the next state.
 */
public record Workspace(String tenant, Map<String, TeamSaved> teams, Map<String, BusinessHours> hours,
        Map<String, ChannelSaved> channels, Map<String, ProfileUpdated> agents, Map<String, SlaTargets> slaPolicies) {

    /** The calendar every team without its own works by. */
    public static final String DEFAULT_CALENDAR = "default";

    public Workspace {
        teams = Map.copyOf(teams);
        hours = Map.copyOf(hours);
        channels = Map.copyOf(channels);
        agents = Map.copyOf(agents);
        slaPolicies = Map.copyOf(slaPolicies);
    }

    public static Workspace empty(String tenant) {
        return new Workspace(tenant, Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
    }

    /** The next state after an event of this tenant; events of other streams leave it as it is. */
    public Workspace evolve(Event event) {
        Object data = event.data();
        if (data instanceof TeamSaved team) {
            return withTeams(put(teams, team.teamId(), team));
        } else if (data instanceof TeamDeleted deleted) {
            return withTeams(remove(teams, deleted.teamId()));
        } else if (data instanceof HoursSet set) {
            return new Workspace(tenant, teams, put(hours, set.calendar(), set.hours()), channels, agents, slaPolicies);
        } else if (data instanceof HoursCleared cleared) {
            return new Workspace(tenant, teams, remove(hours, cleared.calendar()), channels, agents, slaPolicies);
        } else if (data instanceof ChannelSaved channel) {
            return new Workspace(tenant, teams, hours, put(channels, channel.key(), channel), agents, slaPolicies);
        } else if (data instanceof ProfileUpdated profile) {
            return new Workspace(tenant, teams, hours, channels, put(agents, profile.agentId(), profile), slaPolicies);
        } else if (data instanceof SlaPolicySet policy) {
            SlaTargets targets;
            try {
                targets = policy.targets();
            } catch (RuntimeException invalid) {
                // the API validates every policy it writes; a forged or broken one in the log must not stop the
                // services that follow it, so it changes nothing
                return this;
            }
            return new Workspace(tenant, teams, hours, channels, agents, put(slaPolicies, policy.priority(), targets));
        } else if (data instanceof SlaPolicyCleared cleared) {
            return new Workspace(tenant, teams, hours, channels, agents, remove(slaPolicies, cleared.priority()));
        }
        return this;
    }

    /**
     * The hours a team works by: its calendar when it names one that is set, else its own id's calendar, else the
     * tenant's {@value #DEFAULT_CALENDAR}; empty when none is set (open around the clock).
     */
    public Optional<BusinessHours> hoursOf(String team) {
        if (team != null) {
            TeamSaved saved = teams.get(team);
            if (saved != null && saved.hoursCalendar() != null && hours.containsKey(saved.hoursCalendar())) {
                return Optional.of(hours.get(saved.hoursCalendar()));
            }
            if (hours.containsKey(team)) {
                return Optional.of(hours.get(team));
            }
        }
        return Optional.ofNullable(hours.get(DEFAULT_CALENDAR));
    }

    private Workspace withTeams(Map<String, TeamSaved> changed) {
        return new Workspace(tenant, changed, hours, channels, agents, slaPolicies);
    }

    private static <V> Map<String, V> put(Map<String, V> map, String key, V value) {
        Map<String, V> copy = new HashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static <V> Map<String, V> remove(Map<String, V> map, String key) {
        Map<String, V> copy = new HashMap<>(map);
        copy.remove(key);
        return copy;
    }
}
