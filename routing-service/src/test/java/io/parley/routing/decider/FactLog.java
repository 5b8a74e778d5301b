package io.parley.routing.decider;

import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.EventData;
import io.parley.events.agent.AgentEvent.Presence;
import io.parley.events.agent.AgentEvent.PresenceChanged;
import io.parley.events.agent.AgentEvent.ProfileUpdated;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.Contact;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.MessageContext;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.conversation.ConversationEvent.Party;
import io.parley.events.conversation.ConversationEvent.StatusChanged;
import io.parley.events.conversation.ConversationEvent.Transferred;
import io.parley.events.conversation.ConversationStatus;
import io.parley.events.workspace.WorkspaceEvent.TeamDeleted;
import io.parley.events.workspace.WorkspaceEvent.TeamSaved;
import io.parley.routing.rules.RuleBook;
import io.parley.routing.settings.RoutingSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a tenant's facts with rising times and unique ids, and remembers them for replays. */
public final class FactLog {

    public static final String TENANT = "acme";

    private final List<Fact> facts = new ArrayList<>();
    private Instant clock = Instant.parse("2026-11-22T10:00:00Z");
    private int next;

    public List<Fact> all() {
        return List.copyOf(facts);
    }

    public Fact profile(String agentId, List<String> teams, List<String> skills, List<String> languages,
            int capacity) {
        return profile(agentId, teams, skills, languages, Map.of("*", capacity));
    }

    public Fact profile(String agentId, List<String> teams, List<String> skills, List<String> languages,
            Map<String, Integer> capacity) {
        return logged(agentId, new ProfileUpdated(agentId, agentId, teams, skills, languages, capacity));
    }

    /** The agent's whole profile as the workspace writes it, active or deactivated. */
    public Fact workspaceProfile(String agentId, List<String> teams, int capacity, boolean active) {
        return logged(agentId, new ProfileUpdated(agentId, agentId, teams, List.of(), List.of("en"),
                Map.of("*", capacity), agentId + "@acme.test", "agent", active, "boss"));
    }

    public Fact presence(String agentId, Presence presence) {
        return logged(agentId, new PresenceChanged(agentId, presence));
    }

    public Fact message(String conversationId, String text, String pageUrl) {
        return logged(conversationId, new MessageReceived(Channel.WHATSAPP, "1", "m" + next,
                new Contact("u", "U", null), Content.text(text), null, null, new MessageContext(pageUrl, null),
                clock));
    }

    public Fact handoff(String conversationId, String language, String... skills) {
        return logged(conversationId, new HandoffRequested("asked-for-human", null, language, List.of(skills)));
    }

    public Fact status(String conversationId, ConversationStatus status) {
        return logged(conversationId, new StatusChanged(status, null, "agent"));
    }

    public Fact transfer(String conversationId, String toAgent, String toTeam) {
        return logged(conversationId, new Transferred(null, new Party(toAgent, toTeam), "wrong team"));
    }

    /** A team saved in the workspace, with the wire names of its strategy and offline policy. */
    public Fact teamSaved(String teamId, String strategy, String offlinePolicy) {
        return logged(TENANT, new TeamSaved(teamId, teamId, strategy, offlinePolicy, null, null, "boss"));
    }

    public Fact teamDeleted(String teamId) {
        return logged(TENANT, new TeamDeleted(teamId, "boss"));
    }

    public Fact rules(RuleBook rules) {
        return record(new Fact.RulesReplaced(nextId(), tick(), TENANT, rules));
    }

    public Fact settings(RoutingSettings settings) {
        return record(new Fact.SettingsChanged(nextId(), tick(), TENANT, settings));
    }

    private Fact logged(String subject, EventData data) {
        return record(new Fact.Logged(new Event(nextId(), "/test", subject, tick(), TENANT, null, data)));
    }

    private Fact record(Fact fact) {
        facts.add(fact);
        return fact;
    }

    private String nextId() {
        return "fact-" + next++;
    }

    private Instant tick() {
        clock = clock.plusSeconds(1);
        return clock;
    }
}
