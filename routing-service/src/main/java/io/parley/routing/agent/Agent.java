package io.parley.routing.agent;

import io.parley.events.Channel;
import io.parley.events.agent.AgentEvent.Presence;
import io.parley.events.agent.AgentEvent.ProfileUpdated;
import io.parley.routing.rules.RuleCondition;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One agent as routing sees it: profile and presence from agent-events, plus the conversations routing counts against
 * them. A deactivated agent keeps their profile and presence but is available to nobody.
 */
public final class Agent {

    /** The capacity key that stands for every channel without its own figure. */
    public static final String ANY_CHANNEL = "*";

    private final String id;
    private String displayName;
    private Set<String> teams = Set.of();
    private Set<String> skills = Set.of();
    private Set<String> languages = Set.of();
    private Map<String, Integer> capacity = Map.of();
    private Presence presence = Presence.OFFLINE;
    private boolean active = true;
    private final Map<Channel, Set<String>> conversationsByChannel = new EnumMap<>(Channel.class);
    private Instant lastAssignedAt;

    Agent(String id) {
        this.id = id;
    }

    /**
     * Everything routing knows of the agent, as plain values: what a snapshot stores. The conversations are per
     * channel in the order the agent took them (a requeue goes through them in that order).
     */
    public record State(String id, String displayName, Set<String> teams, Set<String> skills, Set<String> languages,
                        Map<String, Integer> capacity, Presence presence, boolean active,
                        Map<Channel, List<String>> conversations, Instant lastAssignedAt) {
    }

    State state() {
        Map<Channel, List<String>> held = new LinkedHashMap<>();
        conversationsByChannel.forEach((channel, conversations) -> held.put(channel, List.copyOf(conversations)));
        return new State(id, displayName, teams, skills, languages, capacity, presence, active, held, lastAssignedAt);
    }

    static Agent restore(State state) {
        Agent agent = new Agent(state.id());
        agent.displayName = state.displayName();
        agent.teams = new TreeSet<>(state.teams());
        agent.skills = Set.copyOf(state.skills());
        agent.languages = Set.copyOf(state.languages());
        agent.capacity = state.capacity();
        agent.presence = state.presence();
        agent.active = state.active();
        state.conversations().forEach((channel, conversations) ->
                agent.conversationsByChannel.put(channel, new LinkedHashSet<>(conversations)));
        agent.lastAssignedAt = state.lastAssignedAt();
        return agent;
    }

    void updateProfile(ProfileUpdated profile) {
        displayName = profile.displayName();
        teams = new TreeSet<>(profile.teams());
        skills = Set.copyOf(profile.skills());
        languages = Set.copyOf(profile.languages().stream().map(RuleCondition::language).toList());
        capacity = profile.capacity();
        active = profile.isActive();
    }

    void setPresence(Presence presence) {
        this.presence = presence;
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public Set<String> teams() {
        return teams;
    }

    public Set<String> skills() {
        return skills;
    }

    public Set<String> languages() {
        return languages;
    }

    public Map<String, Integer> capacity() {
        return capacity;
    }

    public Presence presence() {
        return presence;
    }

    /** Whether the workspace has the agent active: deactivated agents take no conversations whatever they say. */
    public boolean isActive() {
        return active;
    }

    /** Online and active: the agent takes new conversations (as far as capacity, skills and language allow). */
    public boolean isAvailable() {
        return active && presence == Presence.ONLINE;
    }

    public Instant lastAssignedAt() {
        return lastAssignedAt;
    }

    public int capacityFor(Channel channel) {
        Integer own = capacity.get(channel.wireName());
        return own != null ? own : capacity.getOrDefault(ANY_CHANNEL, 0);
    }

    public int loadOn(Channel channel) {
        Set<String> held = conversationsByChannel.get(channel);
        return held == null ? 0 : held.size();
    }

    /** Load relative to capacity on the channel, what the balanced strategy minimises. */
    public double loadRatio(Channel channel) {
        int max = capacityFor(channel);
        return max == 0 ? Double.MAX_VALUE : (double) loadOn(channel) / max;
    }

    public boolean hasFreeCapacity(Channel channel) {
        return loadOn(channel) < capacityFor(channel);
    }

    /** Whether the agent could take a new conversation with this requirement right now. */
    public boolean canTake(Requirement requirement) {
        return isAvailable() && hasFreeCapacity(requirement.channel()) && offers(requirement);
    }

    /** Skills and language only, whatever the agent's presence and load. */
    public boolean offers(Requirement requirement) {
        return (requirement.language() == null || languages.contains(requirement.language()))
                && skills.containsAll(requirement.skills());
    }

    public Set<String> conversations() {
        Set<String> all = new LinkedHashSet<>();
        conversationsByChannel.values().forEach(all::addAll);
        return all;
    }

    void hold(String conversationId, Channel channel, Instant at, boolean newAssignment) {
        conversationsByChannel.computeIfAbsent(channel, c -> new LinkedHashSet<>()).add(conversationId);
        if (newAssignment) {
            lastAssignedAt = at;
        }
    }

    void release(String conversationId, Channel channel) {
        Set<String> held = conversationsByChannel.get(channel);
        if (held != null) {
            held.remove(conversationId);
        }
    }
}
