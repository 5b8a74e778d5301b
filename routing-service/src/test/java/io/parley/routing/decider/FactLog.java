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
import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.conversation.ConversationEvent.StatusChanged;
import io.parley.events.conversation.ConversationEvent.Transferred;
import io.parley.events.conversation.ConversationStatus;
import io.parley.events.workspace.WorkspaceEvent.TeamDeleted;
import io.parley.events.workspace.WorkspaceEvent.TeamSaved;
import io.parley.routing.rules.ContactProfile;
import io.parley.routing.rules.AssignmentRule;
import io.parley.routing.rules.RuleBook;
import io.parley.routing.rules.RuleCondition;
import io.parley.routing.settings.RoutingSettings;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a tenant's facts with rising times and unique ids, and remembers them for replays. */
public final class FactLog {

    public static final String TENANT = "acme";

    private final List<Fact> facts = new ArrayList<>();
    private Instant clock = Instant.parse("2026-11-22T10:00:00Z");
    private int next;

    /** A day of a tenant with every kind of fact: rules, teams, agents coming and going, queues, transfers, solves. */
    public static List<Fact> aBusyDay() {
        FactLog log = new FactLog();
        log.rules(new RuleBook(List.of(new AssignmentRule("vip", new RuleCondition(List.of("refund"), null, null, null,
                null, null, List.of("gold"), null, null, null), "billing", Priority.HIGH, List.of("refunds"))),
                "support"));
        log.teamSaved("support", "round-robin", "requeue");
        log.teamSaved("billing", "balanced", "keep");
        log.profile("ana", List.of("support"), List.of(), List.of("en"), 2);
        log.profile("ben", List.of("support", "billing"), List.of("refunds"), List.of("en", "de"),
                Map.of("*", 1, "webchat", 3));
        log.profile("cid", List.of("billing"), List.of("refunds"), List.of("de"), 1);
        log.presence("ana", Presence.ONLINE);
        log.presence("ben", Presence.ONLINE);
        for (int i = 1; i <= 8; i++) {
            String conversation = "whatsapp:1:c" + i;
            log.message(conversation, i % 3 == 0 ? "I want a refund" : "hello", "https://shop.test/p" + i);
            if (i % 3 == 0) {
                log.contactProfile(conversation, new ContactProfile(LocalDate.parse("2024-01-01"), "b2b", "gold",
                        List.of("pro")));
            }
            Fact handoff = log.handoff(conversation, i % 2 == 0 ? "de" : "en");
            if (i == 4) {
                log.again(handoff);
            }
        }
        log.presence("cid", Presence.ONLINE);
        log.status("whatsapp:1:c1", ConversationStatus.SOLVED);
        log.message("whatsapp:1:c1", "one more thing", null);
        log.transfer("whatsapp:1:c2", null, "billing");
        log.transfer("whatsapp:1:c5", "cid", "billing");
        log.presence("ana", Presence.OFFLINE);
        log.presence("ben", Presence.AWAY);
        log.workspaceProfile("cid", List.of("billing"), 2, false);
        log.status("whatsapp:1:c3", ConversationStatus.CLOSED);
        log.teamDeleted("billing");
        log.settings(new RoutingSettings(false));
        log.message("whatsapp:1:c9", "nobody asked yet", null);
        log.presence("ana", Presence.ONLINE);
        log.workspaceProfile("cid", List.of("billing", "support"), 2, true);
        log.presence("ben", Presence.ONLINE);
        log.status("whatsapp:1:c6", ConversationStatus.SOLVED);
        log.status("whatsapp:1:c7", ConversationStatus.BOT);
        return log.all();
    }

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

    public Fact contactProfile(String conversationId, ContactProfile profile) {
        return record(new Fact.ContactProfiled(nextId(), tick(), TENANT, conversationId, profile));
    }

    /** The same fact once more, as a redelivery brings it. */
    public Fact again(Fact fact) {
        return record(fact);
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
