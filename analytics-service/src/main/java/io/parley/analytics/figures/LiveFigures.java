package io.parley.analytics.figures;

import io.parley.events.agent.AgentEvent.Presence;
import io.parley.events.agent.AgentEvent.ProfileUpdated;
import io.parley.events.conversation.ConversationStatus;
import io.parley.events.sla.SlaPolicies;
import io.parley.events.state.ConversationState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The live-now figures of one tenant (docs/metrics.md, "Live now"); the JSON of {@code GET /api/v1/metrics/live}. */
public record LiveFigures(
        Conversations conversations,
        Unattended unattended,
        List<Queue> queues,
        Agents agents,
        Sla sla,
        Instant updatedAt) {

    /** A bot conversation counts as live while its customer wrote within this long. */
    public static final Duration BOT_ACTIVE_WITHIN = Duration.ofMinutes(30);

    public record Conversations(int bot, int queued, int assigned, int pending, int snoozed) {
    }

    public record Unattended(int count, Long oldestWaitSeconds) {
    }

    public record Queue(String team, int waiting, Long longestWaitSeconds, int agentsOnline, int agentsAway,
            int agentsOffline, int load, Integer capacity) {
    }

    public record Agents(int online, int away, int offline, List<Agent> list) {
    }

    public record Agent(String id, String name, String presence, int load, Integer capacity) {
    }

    /**
     * Where one conversation stands now, the one classification the live figures count and their drill-down lists:
     * {@code state} is bot, queued, assigned, pending or snoozed (empty for a solved or closed one, or a bot
     * conversation whose customer went quiet), plus whether it is unattended, at risk of an SLA breach or breached.
     */
    public record LiveState(Optional<String> state, boolean unattended, boolean slaAtRisk,
            boolean slaBreached) {

        static final LiveState NONE = new LiveState(Optional.empty(), false, false, false);

        /** Whether the conversation counts towards a live figure's drill-down name. */
        public boolean counts(String figure) {
            return switch (figure) {
                case "unattended-now" -> unattended;
                case "sla-at-risk" -> slaAtRisk;
                case "sla-breached-now" -> slaBreached;
                default -> state.map(figure::equals).orElse(false);
            };
        }
    }

    /** The drill-down names of the live figures ({@link LiveState#counts}). */
    public static final List<String> DRILL_DOWN = List.of("bot", "queued", "assigned", "pending", "snoozed",
            "unattended-now", "sla-at-risk", "sla-breached-now");

    public static LiveState stateOf(TenantProjection tenant, ConversationFacts facts, Instant now, SlaRules rules) {
        ConversationState state = facts.state();
        ConversationStatus status = state.status();
        if (status == ConversationStatus.BOT) {
            Instant last = state.lastCustomerMessageAt();
            boolean active = last != null && Duration.between(last, now).compareTo(BOT_ACTIVE_WITHIN) <= 0;
            return active ? new LiveState(Optional.of("bot"), false, false, false) : LiveState.NONE;
        }
        if (status == ConversationStatus.SOLVED || status == ConversationStatus.CLOSED) {
            return LiveState.NONE;
        }
        String name = status == ConversationStatus.PENDING ? "pending"
                : status == ConversationStatus.SNOOZED ? "snoozed"
                : state.assignee() == null ? "queued" : "assigned";
        Episode episode = facts.currentEpisode();
        boolean unattended = status == ConversationStatus.OPEN && episode != null
                && episode.firstHumanReplyAt() == null && episode.humanRequestedAt() != null;
        boolean breached = episode != null && !episode.breaches().isEmpty();
        // the reply clock the ticket service runs, by the same function over the same policies and calendars
        boolean atRisk = !breached && status == ConversationStatus.OPEN && SlaPolicies.replyDue(state,
                rules.policies(tenant), rules.calendar(tenant)).map(due -> !due.dueAt().isBefore(now)
                && !due.dueAt().isAfter(now.plus(rules.atRiskWithin()))).orElse(false);
        return new LiveState(Optional.of(name), unattended, atRisk, breached);
    }

    public record Sla(int atRisk, int breachedNow) {
    }

    /** The figures at {@code now}, for the conversations and agents the filter selects. */
    public static LiveFigures compute(TenantProjection tenant, Filter filter, Instant now, SlaRules rules) {
        int bot = 0;
        int queued = 0;
        int assigned = 0;
        int pending = 0;
        int snoozed = 0;
        int unattended = 0;
        Instant oldestUnattended = null;
        int atRisk = 0;
        int breachedNow = 0;
        Map<String, Integer> waitingByTeam = new HashMap<>();
        Map<String, Instant> longestByTeam = new HashMap<>();
        Map<String, Integer> loadByTeam = new HashMap<>();
        Map<String, Integer> loadByAgent = new HashMap<>();
        TreeSet<String> teams = new TreeSet<>(tenant.workspace().teams().keySet());

        for (ConversationTimeline timeline : tenant.conversations()) {
            ConversationFacts facts = timeline.facts();
            ConversationState state = facts.state();
            String team = state.team();
            if (!filter.matches(team, timeline.channel())) {
                continue;
            }
            String assignee = state.assignee();
            Episode episode = facts.currentEpisode();
            if (team != null) {
                teams.add(team);
            }
            LiveState live = stateOf(tenant, facts, now, rules);
            if (live.state().isEmpty()) {
                continue;
            }
            if (live.counts("bot")) {
                bot++;
                continue;
            }
            if (assignee != null) {
                loadByAgent.merge(assignee, 1, Integer::sum);
                if (team != null) {
                    loadByTeam.merge(team, 1, Integer::sum);
                }
            }
            if (live.counts("pending")) {
                pending++;
            } else if (live.counts("snoozed")) {
                snoozed++;
            } else if (live.counts("queued")) {
                queued++;
                if (team != null) {
                    waitingByTeam.merge(team, 1, Integer::sum);
                    Instant since = episode == null || episode.queuedAt() == null ? state.awaitingAgentReplySince()
                            : episode.queuedAt();
                    if (since != null) {
                        longestByTeam.merge(team, since, (a, b) -> a.isBefore(b) ? a : b);
                    }
                }
            } else {
                assigned++;
            }
            if (live.unattended()) {
                unattended++;
                if (oldestUnattended == null || episode.humanRequestedAt().isBefore(oldestUnattended)) {
                    oldestUnattended = episode.humanRequestedAt();
                }
            }
            if (live.slaBreached()) {
                breachedNow++;
            } else if (live.slaAtRisk()) {
                atRisk++;
            }
        }

        Map<String, ProfileUpdated> profiles = tenant.workspace().agents();
        Map<String, Presence> presence = new HashMap<>();
        tenant.agents().forEach(agent -> presence.put(agent.agentId(), agent.presence()));
        TreeSet<String> agentIds = new TreeSet<>(presence.keySet());
        profiles.values().stream().filter(ProfileUpdated::isActive).forEach(p -> agentIds.add(p.agentId()));
        profiles.values().stream().filter(p -> !p.isActive()).forEach(p -> agentIds.remove(p.agentId()));
        profiles.values().forEach(p -> teams.addAll(p.teams()));

        List<Agent> list = new ArrayList<>();
        int[] byPresence = new int[Presence.values().length];
        for (String id : agentIds) {
            ProfileUpdated profile = profiles.get(id);
            if (filter.team() != null && (profile == null || !profile.teams().contains(filter.team()))) {
                continue;
            }
            Presence now0 = presence.getOrDefault(id, Presence.OFFLINE);
            byPresence[now0.ordinal()]++;
            list.add(new Agent(id, profile == null ? null : profile.displayName(), wire(now0),
                    loadByAgent.getOrDefault(id, 0), capacityOf(profile, filter.channel())));
        }

        List<Queue> queues = new ArrayList<>();
        for (String team : teams) {
            if (!filter.matchesTeam(team)) {
                continue;
            }
            int[] teamPresence = new int[Presence.values().length];
            Integer capacity = null;
            for (String id : agentIds) {
                ProfileUpdated profile = profiles.get(id);
                if (profile == null || !profile.teams().contains(team)) {
                    continue;
                }
                Presence p = presence.getOrDefault(id, Presence.OFFLINE);
                teamPresence[p.ordinal()]++;
                Integer agentCapacity = capacityOf(profile, filter.channel());
                if (p == Presence.ONLINE && agentCapacity != null) {
                    capacity = (capacity == null ? 0 : capacity) + agentCapacity;
                }
            }
            Instant longest = longestByTeam.get(team);
            queues.add(new Queue(team, waitingByTeam.getOrDefault(team, 0),
                    longest == null ? null : Math.max(0, Duration.between(longest, now).toSeconds()),
                    teamPresence[Presence.ONLINE.ordinal()], teamPresence[Presence.AWAY.ordinal()],
                    teamPresence[Presence.OFFLINE.ordinal()], loadByTeam.getOrDefault(team, 0), capacity));
        }
        list.sort(Comparator.comparing(Agent::id));
        return new LiveFigures(new Conversations(bot, queued, assigned, pending, snoozed),
                new Unattended(unattended, oldestUnattended == null ? null
                        : Math.max(0, Duration.between(oldestUnattended, now).toSeconds())),
                queues,
                new Agents(byPresence[Presence.ONLINE.ordinal()], byPresence[Presence.AWAY.ordinal()],
                        byPresence[Presence.OFFLINE.ordinal()], list),
                new Sla(atRisk, breachedNow), tenant.updatedAt());
    }

    /** Concurrent conversations the agent takes on the channel (or any channel: "*"); null when not set. */
    static Integer capacityOf(ProfileUpdated profile, String channel) {
        if (profile == null || profile.capacity().isEmpty()) {
            return null;
        }
        if (channel != null && profile.capacity().containsKey(channel)) {
            return profile.capacity().get(channel);
        }
        Integer any = profile.capacity().get("*");
        return any != null ? any : profile.capacity().values().stream().max(Integer::compare).orElse(null);
    }

    static String wire(Presence presence) {
        return presence.name().toLowerCase(java.util.Locale.ROOT);
    }
}
