package io.parley.analytics.figures;

import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.EventData;
import io.parley.events.agent.AgentEvent;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent;
import io.parley.events.conversation.ConversationEvent.Author;
import io.parley.events.conversation.ConversationEvent.AuthorKind;
import io.parley.events.conversation.ConversationStatus;
import io.parley.events.hours.BusinessHours;
import io.parley.events.ids.ConversationId;
import io.parley.events.ids.EventIds;
import io.parley.events.workspace.WorkspaceEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Hand-built events of one tenant for the figure tests; ids are derived from their content, as the services' are. */
public final class TestEvents {

    private final String tenant;

    public TestEvents(String tenant) {
        this.tenant = tenant;
    }

    public static String conversation(String user) {
        return ConversationId.whatsapp("106540352242922", user).toString();
    }

    public Event customer(String conversation, Instant at, String text) {
        return customer(conversation, at, text, "en");
    }

    /** A customer message in a locale (the message context's, as ingest reads it from the channel). */
    public Event customer(String conversation, Instant at, String text, String locale) {
        String messageId = "wamid." + conversation + at;
        return new Event(EventIds.forChannelMessage(Channel.WHATSAPP, messageId), "/ingest/whatsapp", conversation, at,
                tenant, null, new ConversationEvent.MessageReceived(Channel.WHATSAPP, "106540352242922", messageId,
                new ConversationEvent.Contact("u", "Customer", null), Content.text(text), null, null,
                new ConversationEvent.MessageContext(null, locale), at));
    }

    /** A conversation on Messenger, for the channel filter. */
    public static String messengerConversation(String user) {
        return ConversationId.messenger("page-1", user).toString();
    }

    /** A conversation of the web widget (channel {@code web}), for the channel filter. */
    public static String webConversation(String visitor) {
        return ConversationId.web("site-1", visitor).toString();
    }

    public Event bot(String conversation, Instant at, String articleId) {
        return of("/bot", conversation, at, new ConversationEvent.BotAnswered(articleId, null, 0.9, "en", "m" + at));
    }

    public Event botMessage(String conversation, Instant at) {
        return of("/bot", conversation, at, new ConversationEvent.MessageOutbound("bot-" + at,
                new Author(AuthorKind.BOT, null), Content.text("answer"), null, null));
    }

    public Event handoff(String conversation, Instant at, String reason) {
        return of("/bot", conversation, at, new ConversationEvent.HandoffRequested(reason, "summary", "en", List.of()));
    }

    public Event queued(String conversation, Instant at, String team) {
        return queued(conversation, at, team, ConversationEvent.Priority.NORMAL);
    }

    public Event queued(String conversation, Instant at, String team, ConversationEvent.Priority priority) {
        return of("/routing", conversation, at, new ConversationEvent.Queued(team, priority, 1));
    }

    public Event ticket(String conversation, Instant at, ConversationEvent.Priority priority) {
        return of("/ticket", conversation, at, new ConversationEvent.TicketCreated("T-" + conversation, "subject",
                priority, "no-capacity"));
    }

    public Event assigned(String conversation, Instant at, String agent, String team) {
        return of("/routing", conversation, at, new ConversationEvent.Assigned(agent, team, null, "balanced"));
    }

    public Event transferred(String conversation, Instant at, String toAgent, String team) {
        return of("/ticket", conversation, at, new ConversationEvent.Transferred(
                new ConversationEvent.Party("agent-1", team), new ConversationEvent.Party(toAgent, team), "skills"));
    }

    public Event agentReply(String conversation, Instant at, String agent) {
        return of("/ticket", conversation, at, new ConversationEvent.MessageOutbound("agent-" + at,
                new Author(AuthorKind.AGENT, agent), Content.text("hello"), null, null));
    }

    public Event status(String conversation, Instant at, ConversationStatus status) {
        return of("/ticket", conversation, at, new ConversationEvent.StatusChanged(status, null, null));
    }

    public Event breached(String conversation, Instant at, ConversationEvent.SlaMetric metric) {
        return breached(conversation, at, "normal", metric);
    }

    public Event breached(String conversation, Instant at, String policy, ConversationEvent.SlaMetric metric) {
        return of("/ticket", conversation, at, new ConversationEvent.SlaBreached(policy, metric, at));
    }

    public Event csatRequested(String conversation, Instant at) {
        return of("/ticket", conversation, at, new ConversationEvent.CsatRequested("survey-" + at));
    }

    public Event csat(String conversation, Instant at, int score) {
        return of("/ticket", conversation, at, new ConversationEvent.CsatReceived(score, null));
    }

    public Event presence(String agent, Instant at, AgentEvent.Presence presence) {
        return new Event(EventIds.nameBased(tenant + agent + at + presence).toString(), "/ticket/gateway", agent, at,
                tenant, null, new AgentEvent.PresenceChanged(agent, presence));
    }

    public Event profile(String agent, Instant at, String team, int capacity) {
        return new Event(EventIds.nameBased(tenant + agent + at + "profile").toString(), "/ticket/gateway", agent, at,
                tenant, null, new AgentEvent.ProfileUpdated(agent, "Agent " + agent, List.of(team), List.of(),
                List.of("en"), Map.of("*", capacity)));
    }

    public Event team(String team, String slaPolicy, Instant at) {
        return new Event(EventIds.nameBased(tenant + team + at).toString(), "/ticket/admin", tenant, at, tenant, null,
                new WorkspaceEvent.TeamSaved(team, team, "balanced", "requeue", null, slaPolicy, "admin"));
    }

    public Event hours(String zone, String weekly, Instant at) {
        return new Event(EventIds.nameBased(tenant + "hours" + at).toString(), "/ticket/admin", tenant, at, tenant,
                null, new WorkspaceEvent.HoursSet("default", BusinessHours.parse(zone, weekly, Set.of()), "admin"));
    }

    /** An admin sets the tenant's own policy of a priority in the workspace. */
    public Event slaPolicy(String priority, String firstReply, Instant at) {
        return new Event(EventIds.nameBased(tenant + "sla" + priority + at).toString(), "/ticket/admin", tenant, at,
                tenant, null, new WorkspaceEvent.SlaPolicySet(priority, firstReply, "PT1H", "PT24H", false, 90, "admin"));
    }

    private Event of(String source, String conversation, Instant at, EventData data) {
        String id = EventIds.nameBased(tenant + conversation + source + at + data.getClass().getSimpleName()).toString();
        return new Event(id, source, conversation, at, tenant, null, data);
    }
}
