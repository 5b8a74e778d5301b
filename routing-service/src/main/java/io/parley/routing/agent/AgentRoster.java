package io.parley.routing.agent;

import io.parley.events.Channel;
import io.parley.events.agent.AgentEvent.Presence;
import io.parley.events.agent.AgentEvent.ProfileUpdated;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A tenant's agents, indexed by team over the available ones only (online and active), so that choosing an agent
 * looks at the team's online members and never scans every agent. Members are ordered by id, which round robin
 * relies on.
 */
public final class AgentRoster {

    private static final NavigableMap<String, Agent> NOBODY = new TreeMap<>();

    private final Map<String, Agent> agents = new HashMap<>();
    private final Map<String, NavigableMap<String, Agent>> onlineByTeam = new HashMap<>();

    public Optional<Agent> find(String agentId) {
        return Optional.ofNullable(agents.get(agentId));
    }

    public Collection<Agent> all() {
        return agents.values();
    }

    /** Available members of a team (online and active), by id. Read-only for callers. */
    public NavigableMap<String, Agent> onlineMembers(String team) {
        return onlineByTeam.getOrDefault(team, NOBODY);
    }

    /** Every agent's state, by id: what a snapshot stores. */
    public List<Agent.State> state() {
        return agents.values().stream().map(Agent::state).sorted(Comparator.comparing(Agent.State::id)).toList();
    }

    /** Takes the agents of a snapshot, as they were; the roster must be empty. */
    public void restore(List<Agent.State> states) {
        states.forEach(state -> {
            Agent agent = Agent.restore(state);
            agents.put(agent.id(), agent);
            index(agent);
        });
    }

    public Agent updateProfile(ProfileUpdated profile) {
        Agent agent = agents.computeIfAbsent(profile.agentId(), Agent::new);
        unindex(agent);
        agent.updateProfile(profile);
        index(agent);
        return agent;
    }

    public Agent setPresence(String agentId, Presence presence) {
        Agent agent = agents.computeIfAbsent(agentId, Agent::new);
        unindex(agent);
        agent.setPresence(presence);
        index(agent);
        return agent;
    }

    public void hold(Agent agent, String conversationId, Channel channel, Instant at, boolean newAssignment) {
        agent.hold(conversationId, channel, at, newAssignment);
    }

    public void release(Agent agent, String conversationId, Channel channel) {
        agent.release(conversationId, channel);
    }

    private void index(Agent agent) {
        if (agent.isAvailable()) {
            agent.teams().forEach(team -> onlineByTeam.computeIfAbsent(team, t -> new TreeMap<>()).put(agent.id(), agent));
        }
    }

    private void unindex(Agent agent) {
        agent.teams().forEach(team -> {
            NavigableMap<String, Agent> online = onlineByTeam.get(team);
            if (online != null) {
                online.remove(agent.id());
            }
        });
    }
}
