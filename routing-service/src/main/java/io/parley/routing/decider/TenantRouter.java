package io.parley.routing.decider;

import io.parley.events.Event;
import io.parley.events.agent.AgentEvent;
import io.parley.events.agent.AgentEvent.PresenceChanged;
import io.parley.events.agent.AgentEvent.ProfileUpdated;
import io.parley.events.conversation.ConversationEvent;
import io.parley.events.conversation.ConversationEvent.Assigned;
import io.parley.events.conversation.ConversationEvent.BotAnswered;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.conversation.ConversationEvent.Queued;
import io.parley.events.conversation.ConversationEvent.StatusChanged;
import io.parley.events.conversation.ConversationEvent.Transferred;
import io.parley.events.state.AppliedIds;
import io.parley.events.workspace.WorkspaceEvent;
import io.parley.events.workspace.WorkspaceEvent.TeamDeleted;
import io.parley.events.workspace.WorkspaceEvent.TeamSaved;
import io.parley.routing.agent.Agent;
import io.parley.routing.agent.AgentRoster;
import io.parley.routing.agent.Requirement;
import io.parley.routing.decider.ConversationRoute.Phase;
import io.parley.routing.queue.QueueEntry;
import io.parley.routing.queue.TeamQueue;
import io.parley.routing.queue.WaitingQueues;
import io.parley.routing.rules.RoutingContext;
import io.parley.routing.rules.RoutingTarget;
import io.parley.routing.rules.RuleBook;
import io.parley.routing.settings.RoutingSettings;
import io.parley.routing.team.OfflinePolicy;
import io.parley.routing.team.Team;
import io.parley.routing.team.Teams;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The routing decider of one tenant: a deterministic state machine. {@link #apply} takes one fact, updates the state
 * and returns the events to append (queued, assigned); the same facts in the same order always give the same state
 * and the same events with the same ids, which is how a restart rebuilds the state by replaying the facts. Not
 * thread-safe: one owner applies a tenant's facts, in the order of the routing work topic.
 */
public final class TenantRouter {

    /** Queue positions are re-announced as the queue moves for this many conversations at each queue's head. */
    public static final int ANNOUNCED_POSITIONS = 10;
    /** The CloudEvents source of every decision. */
    public static final String SOURCE = "/routing";
    /** The handoff reason the rules see for a conversation routed because the tenant has no bot. */
    public static final String NO_BOT_REASON = "no-bot";

    private static final System.Logger LOG = System.getLogger(TenantRouter.class.getName());

    private final String tenant;
    /**
     * The facts applied in the last {@link AppliedIds#WINDOW} (7 days, Meta's retry horizon) behind the newest: a
     * redelivered fact is ignored, and the set follows the tenant's recent traffic, not its whole history.
     */
    private AppliedIds appliedFactIds = AppliedIds.none();
    private final AgentRoster roster = new AgentRoster();
    private final Teams teams = new Teams();
    private final WaitingQueues queues = new WaitingQueues();
    private final Map<String, ConversationRoute> conversations = new HashMap<>();
    private final RoutingFigures figures = new RoutingFigures();
    private RuleBook rules = RuleBook.EMPTY;
    private RoutingSettings settings = RoutingSettings.DEFAULT;
    private Instant lastDecisionAt = Instant.EPOCH;
    private long arrivals;

    public TenantRouter(String tenant) {
        this.tenant = tenant;
    }

    /**
     * The tenant's whole state as plain values, between two facts: what a snapshot stores. {@link #restore} of it
     * gives a router that decides every later fact as this one does (TenantRouterSnapshotTest).
     */
    public record State(String tenant, AppliedIds appliedFactIds, List<Agent.State> agents, Teams.State teams,
                        List<QueueEntry.State> queued, List<ConversationRoute.State> conversations,
                        RoutingFigures.State figures, RuleBook rules, RoutingSettings settings, Instant lastDecisionAt,
                        long arrivals) {
    }

    public State state() {
        return new State(tenant, appliedFactIds, roster.state(), teams.state(), queues.state(),
                conversations.values().stream().map(ConversationRoute::state)
                        .sorted(Comparator.comparing(ConversationRoute.State::id)).toList(),
                figures.state(), rules, settings, lastDecisionAt, arrivals);
    }

    public static TenantRouter restore(State state) {
        TenantRouter router = new TenantRouter(state.tenant());
        router.appliedFactIds = state.appliedFactIds();
        router.roster.restore(state.agents());
        router.teams.restore(state.teams());
        router.queues.restore(state.queued());
        state.conversations().forEach(conversation ->
                router.conversations.put(conversation.id(), ConversationRoute.restore(conversation)));
        router.figures.restore(state.figures());
        router.rules = state.rules();
        router.settings = state.settings();
        router.lastDecisionAt = state.lastDecisionAt();
        router.arrivals = state.arrivals();
        return router;
    }

    public List<Event> apply(Fact fact) {
        if (!tenant.equals(fact.tenant()) || appliedFactIds.contains(fact.id())) {
            return List.of();
        }
        appliedFactIds = appliedFactIds.with(fact.id(), fact.time());
        lastDecisionAt = fact.time().isAfter(lastDecisionAt) ? fact.time() : lastDecisionAt.plus(1, ChronoUnit.MICROS);
        Decisions decisions = new Decisions(fact, lastDecisionAt);
        if (fact instanceof Fact.Logged logged) {
            onLogged(logged.event(), decisions);
        } else if (fact instanceof Fact.TeamConfigured legacy) {
            teams.configure(legacy.team());
        } else if (fact instanceof Fact.RulesReplaced replaced) {
            rules = replaced.rules();
        } else if (fact instanceof Fact.SettingsChanged changed) {
            settings = changed.settings();
        } else if (fact instanceof Fact.ContactProfiled profiled) {
            conversation(profiled.conversationId()).contact = profiled.profile();
        }
        announcePositions(decisions);
        return decisions.events();
    }

    private void onLogged(Event event, Decisions decisions) {
        if (event.data() instanceof AgentEvent agentEvent) {
            onAgent(agentEvent, decisions);
        } else if (event.data() instanceof ConversationEvent conversationEvent) {
            onConversation(event.subject(), conversationEvent, decisions);
        } else if (event.data() instanceof WorkspaceEvent workspaceEvent) {
            onWorkspace(workspaceEvent);
        }
    }

    // ---- teams ----------------------------------------------------------------------------------------------

    /**
     * A team saved or deleted in the workspace applies from its place in the tenant's facts on: the next choice of an
     * agent uses the new strategy, the next agent going offline the new policy. A deleted team routes by the defaults;
     * conversations waiting for it stay queued (agents who still name the team take them, or someone transfers them).
     */
    private void onWorkspace(WorkspaceEvent event) {
        if (event instanceof TeamSaved saved) {
            if (saved.teamId() == null || saved.teamId().isBlank()) {
                LOG.log(System.Logger.Level.WARNING, "tenant {0}: a team saved without an id (by {1}) is ignored",
                        tenant, saved.changedBy());
                return;
            }
            teams.configure(Team.fromWorkspace(tenant, saved));
        } else if (event instanceof TeamDeleted deleted) {
            teams.remove(deleted.teamId());
        }
    }

    // ---- agents ---------------------------------------------------------------------------------------------

    private void onAgent(AgentEvent event, Decisions decisions) {
        if (event instanceof ProfileUpdated profile) {
            Agent agent = roster.updateProfile(profile);
            if (agent.isActive()) {
                drain(agent, decisions);
            } else {
                // deactivated: available to nobody, and what they hold goes back to its queue whatever the team's
                // offline policy, since a deactivated agent will not come back to it
                requeue(agent, team -> true, decisions);
            }
        } else if (event instanceof PresenceChanged change && change.presence() != null) {
            Agent agent = roster.setPresence(change.agentId(), change.presence());
            switch (change.presence()) {
                case ONLINE -> drain(agent, decisions);
                case OFFLINE -> requeue(agent, team -> teams.get(team).offlinePolicy() == OfflinePolicy.REQUEUE,
                        decisions);
                case AWAY -> { }
            }
        }
    }

    /** The agent went offline or was deactivated: the conversations they hold whose team {@code gives up} requeue. */
    private void requeue(Agent agent, java.util.function.Predicate<String> givesUp, Decisions decisions) {
        for (String conversationId : agent.conversations()) {
            ConversationRoute conversation = conversations.get(conversationId);
            String team = conversation == null ? null : teamOf(conversation);
            if (team != null && givesUp.test(team)) {
                roster.release(agent, conversationId, conversation.channel);
                conversation.agentId = null;
                conversation.waitingSince = decisions.at();
                route(conversation, team, decisions);
            }
        }
    }

    /** The agent has room again: they take the best waiting conversations they fit, until full. */
    private void drain(Agent agent, Decisions decisions) {
        while (agent.isAvailable()) {
            Optional<QueueEntry> next = queues.bestFor(agent);
            if (next.isEmpty()) {
                return;
            }
            QueueEntry entry = next.get();
            queues.remove(entry.conversationId());
            teams.picked(entry.team(), agent);
            assign(conversations.get(entry.conversationId()), agent, entry.team(), decisions);
        }
    }

    // ---- conversations ----------------------------------------------------------------------------------------

    private void onConversation(String conversationId, ConversationEvent event, Decisions decisions) {
        if (event instanceof MessageReceived received) {
            onCustomerMessage(conversation(conversationId), received, decisions);
        } else if (event instanceof BotAnswered answered && answered.language() != null) {
            conversation(conversationId).language = answered.language();
        } else if (event instanceof HandoffRequested handoff) {
            onHandoff(conversation(conversationId), handoff, decisions);
        } else if (event instanceof Assigned assigned && assigned.agentId() != null) {
            moveTo(conversation(conversationId), assigned.agentId(), assigned.team(), decisions);
        } else if (event instanceof Transferred transfer && transfer.to() != null) {
            onTransfer(conversation(conversationId), transfer, decisions);
        } else if (event instanceof StatusChanged changed && changed.status() != null) {
            onStatus(conversationId, changed, decisions);
        }
    }

    private void onCustomerMessage(ConversationRoute conversation, MessageReceived received, Decisions decisions) {
        if (received.content() != null) {
            conversation.customerWrote(received.content().readableText());
        }
        if (received.context() != null && received.context().pageUrl() != null) {
            conversation.pageUrl = received.context().pageUrl();
        } else if (received.referral() != null && received.referral().url() != null) {
            conversation.pageUrl = received.referral().url();
        }
        if (conversation.language == null && received.context() != null) {
            conversation.language = received.context().locale();
        }
        if (conversation.phase == Phase.SOLVED && conversation.agentId != null) {
            // A solved conversation reopens with the same agent (DESIGN: status fold); it counts on them again.
            Optional<Agent> agent = roster.find(conversation.agentId);
            agent.ifPresent(a -> roster.hold(a, conversation.id, conversation.channel, lastDecisionAt, false));
            conversation.phase = Phase.ASSIGNED;
        } else if (conversation.phase == Phase.BOT && !settings.botEnabled()) {
            // Nobody else will ask for a person: the conversation is routed on this message, as a handoff would be.
            routeByRules(conversation, NO_BOT_REASON, null, List.of(), decisions);
        }
    }

    private void onHandoff(ConversationRoute conversation, HandoffRequested handoff, Decisions decisions) {
        if (conversation.withPeople()) {
            return;
        }
        if (handoff.language() != null) {
            conversation.language = handoff.language();
        }
        routeByRules(conversation, handoff.reason(), handoff.summary(), handoff.requiredSkills(), decisions);
    }

    /** A new episode with people: the first matching rule names the team, priority and skills. */
    private void routeByRules(ConversationRoute conversation, String reason, String summary,
            List<String> requiredSkills, Decisions decisions) {
        RoutingTarget target = rules.route(new RoutingContext(conversation.normalizedText(summary),
                conversation.language, conversation.channel, conversation.contact, conversation.pageUrl,
                reason, decisions.at()), requiredSkills);
        conversation.ruleId = target.ruleId();
        conversation.priority = target.priority();
        conversation.requiredSkills = target.requiredSkills();
        conversation.seq = null;
        conversation.transferred = false;
        conversation.counted = false;
        conversation.waitingSince = decisions.at();
        route(conversation, target.team(), decisions);
    }

    private void onTransfer(ConversationRoute conversation, Transferred transfer, Decisions decisions) {
        if (conversation.counted && !conversation.transferred) {
            conversation.transferred = true;
            figures.transferredAfterAssignment();
        }
        if (transfer.to().agentId() != null) {
            moveTo(conversation, transfer.to().agentId(), transfer.to().team(), decisions);
        } else if (transfer.to().team() != null) {
            letGo(conversation, decisions);
            conversation.waitingSince = decisions.at();
            route(conversation, transfer.to().team(), decisions);
        }
    }

    private void onStatus(String conversationId, StatusChanged changed, Decisions decisions) {
        ConversationRoute conversation = conversations.get(conversationId);
        if (conversation == null) {
            return;
        }
        switch (changed.status()) {
            case SOLVED -> {
                String agentId = conversation.agentId;
                letGo(conversation, decisions);
                conversation.agentId = agentId;
                conversation.phase = Phase.SOLVED;
            }
            case CLOSED, BOT -> {
                letGo(conversation, decisions);
                conversations.remove(conversationId);
            }
            default -> { }
        }
    }

    /** Someone assigned the conversation by hand (an agent, a supervisor): it counts on that agent, fit or not. */
    private void moveTo(ConversationRoute conversation, String agentId, String team, Decisions decisions) {
        if (conversation.phase == Phase.ASSIGNED && agentId.equals(conversation.agentId)) {
            conversation.team = team != null ? team : conversation.team;
            return;
        }
        letGo(conversation, decisions);
        Agent agent = roster.find(agentId).orElseGet(() -> roster.setPresence(agentId, AgentEvent.Presence.OFFLINE));
        roster.hold(agent, conversation.id, conversation.channel, decisions.at(), true);
        conversation.agentId = agentId;
        conversation.team = team != null ? team : conversation.team;
        conversation.phase = Phase.ASSIGNED;
    }

    /** Out of the queue and off its agent, whose room goes to the next waiting conversation. */
    private void letGo(ConversationRoute conversation, Decisions decisions) {
        queues.remove(conversation.id);
        Agent agent = conversation.agentId == null ? null : roster.find(conversation.agentId).orElse(null);
        conversation.agentId = null;
        conversation.phase = Phase.BOT;
        if (agent != null) {
            roster.release(agent, conversation.id, conversation.channel);
            drain(agent, decisions);
        }
    }

    private void route(ConversationRoute conversation, String team, Decisions decisions) {
        conversation.team = team;
        Requirement requirement = Requirement.of(conversation.channel, conversation.language,
                conversation.requiredSkills);
        Optional<Agent> agent = teams.choose(team, requirement, roster);
        if (agent.isPresent()) {
            assign(conversation, agent.get(), team, decisions);
            return;
        }
        if (conversation.seq == null) {
            conversation.seq = arrivals++;
        }
        QueueEntry entry = new QueueEntry(conversation.id, team, conversation.priority, conversation.seq, requirement,
                conversation.waitingSince);
        int position = queues.enqueue(entry);
        entry.announced(position);
        conversation.phase = Phase.QUEUED;
        decisions.queued(conversation.id, new Queued(team, conversation.priority, position));
    }

    private void assign(ConversationRoute conversation, Agent agent, String team, Decisions decisions) {
        roster.hold(agent, conversation.id, conversation.channel, decisions.at(), true);
        conversation.agentId = agent.id();
        conversation.team = team;
        conversation.phase = Phase.ASSIGNED;
        if (!conversation.counted) {
            conversation.counted = true;
            figures.assigned(conversation.waitingSince, decisions.at());
        }
        decisions.assigned(conversation.id, new Assigned(agent.id(), team, conversation.ruleId,
                teams.get(team).strategy().wireName()));
    }

    /** Conversations near the head whose position changed hear about it. */
    private void announcePositions(Decisions decisions) {
        for (String team : queues.takeMoved()) {
            int position = 0;
            for (QueueEntry entry : queues.team(team).head(ANNOUNCED_POSITIONS)) {
                position++;
                if (entry.announcedPosition() != position) {
                    entry.announced(position);
                    decisions.queued(entry.conversationId(), new Queued(team, entry.priority(), position));
                }
            }
        }
    }

    /** A conversation assigned by hand without a team goes back to triage. */
    private String teamOf(ConversationRoute conversation) {
        return conversation.team != null ? conversation.team : rules.triageTeam();
    }

    private ConversationRoute conversation(String conversationId) {
        return conversations.computeIfAbsent(conversationId, ConversationRoute::new);
    }

    // ---- reads (admin API, figures, tests) -----------------------------------------------------------------------

    public String tenant() {
        return tenant;
    }

    public AgentRoster roster() {
        return roster;
    }

    public Teams teams() {
        return teams;
    }

    public RuleBook rules() {
        return rules;
    }

    public RoutingSettings settings() {
        return settings;
    }

    public WaitingQueues queues() {
        return queues;
    }

    /** The agent a conversation is with, as routing counts it. */
    public Optional<String> assigneeOf(String conversationId) {
        ConversationRoute conversation = conversations.get(conversationId);
        return conversation == null || conversation.phase != Phase.ASSIGNED ? Optional.empty()
                : Optional.ofNullable(conversation.agentId);
    }

    /** How many fact ids the decider remembers to ignore their redelivery: those of the last window. */
    public int rememberedFactIds() {
        return appliedFactIds.size();
    }

    public Figures figures(Instant now) {
        Map<String, Integer> lengths = new TreeMap<>();
        Map<String, Instant> oldest = new TreeMap<>();
        queues.all().forEach((team, queue) -> {
            lengths.put(team, queue.size());
            queue.head(Integer.MAX_VALUE).stream().map(QueueEntry::waitingSince).min(Instant::compareTo)
                    .ifPresent(since -> oldest.put(team, since));
        });
        return figures.snapshot(lengths, oldest, now);
    }
}
