package io.parley.routing.team;

import io.parley.routing.agent.Agent;
import io.parley.routing.agent.AgentRoster;
import io.parley.routing.agent.Requirement;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A tenant's team settings and each team's round-robin cursor. */
public final class Teams {

    private final Map<String, Team> configured = new HashMap<>();
    private final Map<String, String> lastPicked = new HashMap<>();

    /** The configured teams (by id) and each team's last pick: what a snapshot stores. */
    public record State(List<Team> configured, Map<String, String> lastPicked) {
    }

    public State state() {
        return new State(configured.values().stream().sorted(Comparator.comparing(Team::id)).toList(),
                new TreeMap<>(lastPicked));
    }

    /** Takes a snapshot's teams, as they were; nothing must be configured yet. */
    public void restore(State state) {
        state.configured().forEach(this::configure);
        lastPicked.putAll(state.lastPicked());
    }

    public Team get(String teamId) {
        return configured.getOrDefault(teamId, Team.withDefaults(teamId));
    }

    public Collection<Team> configured() {
        return configured.values();
    }

    public void configure(Team team) {
        configured.put(team.id(), team);
    }

    /** The team's settings are forgotten: it routes by the defaults again for as long as anyone names it. */
    public void remove(String teamId) {
        configured.remove(teamId);
    }

    /** The agent the team's strategy chooses for a conversation, if anyone online can take it now. */
    public Optional<Agent> choose(String teamId, Requirement requirement, AgentRoster roster) {
        Optional<Agent> chosen = get(teamId).strategy().pick(roster.onlineMembers(teamId), requirement,
                lastPicked.get(teamId));
        chosen.ifPresent(agent -> lastPicked.put(teamId, agent.id()));
        return chosen;
    }

    /** Drains bypass the strategy (only one agent gained room), but round robin still moves past that agent. */
    public void picked(String teamId, Agent agent) {
        lastPicked.put(teamId, agent.id());
    }
}
