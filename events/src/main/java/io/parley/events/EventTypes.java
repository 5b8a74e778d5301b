package io.parley.events;

import io.parley.events.agent.AgentActivity;
import io.parley.events.agent.AgentEvent;
import io.parley.events.analytics.AnalyticsEvent;
import io.parley.events.conversation.ConversationEvent;
import io.parley.events.routing.RoutingEvent;
import io.parley.events.workspace.WorkspaceEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The wire type of every event: stable strings with a version suffix, never Java class names. A breaking change to
 * a type's data is a new {@code .vN} type, with an upcaster from the old one.
 */
public final class EventTypes {

    private static final Map<String, Class<? extends EventData>> CLASS_BY_TYPE = new LinkedHashMap<>();
    private static final Map<Class<? extends EventData>, String> TYPE_BY_CLASS = new LinkedHashMap<>();

    static {
        register("parley.message.received.v1", ConversationEvent.MessageReceived.class);
        register("parley.message.status.v1", ConversationEvent.MessageStatus.class);
        register("parley.message.edited.v1", ConversationEvent.MessageEdited.class);
        register("parley.message.deleted.v1", ConversationEvent.MessageDeleted.class);
        register("parley.message.outbound.v1", ConversationEvent.MessageOutbound.class);
        register("parley.message.delivery.v1", ConversationEvent.MessageDelivery.class);
        register("parley.bot.answered.v1", ConversationEvent.BotAnswered.class);
        register("parley.bot.flow.v1", ConversationEvent.BotFlow.class);
        register("parley.bot.suggested.v1", ConversationEvent.BotSuggested.class);
        register("parley.conversation.handoff-requested.v1", ConversationEvent.HandoffRequested.class);
        register("parley.conversation.queued.v1", ConversationEvent.Queued.class);
        register("parley.conversation.assigned.v1", ConversationEvent.Assigned.class);
        register("parley.conversation.transferred.v1", ConversationEvent.Transferred.class);
        register("parley.conversation.status-changed.v1", ConversationEvent.StatusChanged.class);
        register("parley.conversation.note-added.v1", ConversationEvent.NoteAdded.class);
        register("parley.conversation.labeled.v1", ConversationEvent.Labeled.class);
        register("parley.ticket.created.v1", ConversationEvent.TicketCreated.class);
        register("parley.sla.breached.v1", ConversationEvent.SlaBreached.class);
        register("parley.csat.requested.v1", ConversationEvent.CsatRequested.class);
        register("parley.csat.received.v1", ConversationEvent.CsatReceived.class);
        register("parley.callback.scheduled.v1", ConversationEvent.CallbackScheduled.class);
        register("parley.agent.presence-changed.v1", AgentEvent.PresenceChanged.class);
        register("parley.agent.profile-updated.v1", AgentEvent.ProfileUpdated.class);
        register("parley.agent.viewing.v1", AgentActivity.Viewing.class);
        register("parley.workspace.team-saved.v1", WorkspaceEvent.TeamSaved.class);
        register("parley.workspace.team-deleted.v1", WorkspaceEvent.TeamDeleted.class);
        register("parley.workspace.hours-set.v1", WorkspaceEvent.HoursSet.class);
        register("parley.workspace.hours-cleared.v1", WorkspaceEvent.HoursCleared.class);
        register("parley.workspace.channel-saved.v1", WorkspaceEvent.ChannelSaved.class);
        register("parley.workspace.sla-policy-set.v1", WorkspaceEvent.SlaPolicySet.class);
        register("parley.workspace.sla-policy-cleared.v1", WorkspaceEvent.SlaPolicyCleared.class);
        register("parley.routing.team-configured.v1", RoutingEvent.TeamConfigured.class);
        register("parley.routing.rules-replaced.v1", RoutingEvent.RulesReplaced.class);
        register("parley.routing.contact-profiled.v1", RoutingEvent.ContactProfiled.class);
        register("parley.routing.settings-changed.v1", RoutingEvent.SettingsChanged.class);
        register("parley.analytics.snapshot.v1", AnalyticsEvent.Snapshot.class);
    }

    private EventTypes() {
    }

    private static void register(String type, Class<? extends EventData> dataClass) {
        CLASS_BY_TYPE.put(type, dataClass);
        TYPE_BY_CLASS.put(dataClass, type);
    }

    /** Every known wire type, in catalogue order. */
    public static Set<String> all() {
        return Collections.unmodifiableSet(CLASS_BY_TYPE.keySet());
    }

    public static String typeOf(EventData data) {
        return typeOf(data.getClass());
    }

    public static String typeOf(Class<? extends EventData> dataClass) {
        String type = TYPE_BY_CLASS.get(dataClass);
        if (type == null) {
            throw new IllegalStateException(dataClass.getName() + " has no wire type: register it in EventTypes");
        }
        return type;
    }

    /**
     * Every wire type whose data is {@code dataClass}: its current one and any earlier version still read (a reader
     * that picks types by class must take them all, or it would skip the older records in silence).
     */
    public static Set<String> typesOf(Class<? extends EventData> dataClass) {
        Set<String> types = new LinkedHashSet<>();
        CLASS_BY_TYPE.forEach((type, data) -> {
            if (data.equals(dataClass)) {
                types.add(type);
            }
        });
        return Collections.unmodifiableSet(types);
    }

    /** The data class of a wire type; empty for a type this reader does not know (tolerant reader: skip it). */
    public static Optional<Class<? extends EventData>> dataClassOf(String type) {
        return Optional.ofNullable(CLASS_BY_TYPE.get(type));
    }
}
