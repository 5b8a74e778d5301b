package io.parley.events;

import io.parley.events.agent.AgentActivity;
import io.parley.events.agent.AgentEvent;
import io.parley.events.analytics.AnalyticsEvent;
import io.parley.events.envelope.EventCodec;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.Assigned;
import io.parley.events.conversation.ConversationEvent.Author;
import io.parley.events.conversation.ConversationEvent.AuthorKind;
import io.parley.events.conversation.ConversationEvent.BotAnswered;
import io.parley.events.conversation.ConversationEvent.BotFlow;
import io.parley.events.conversation.ConversationEvent.BotSuggested;
import io.parley.events.conversation.ConversationEvent.CallbackScheduled;
import io.parley.events.conversation.ConversationEvent.ChannelError;
import io.parley.events.conversation.ConversationEvent.Contact;
import io.parley.events.conversation.ConversationEvent.CsatReceived;
import io.parley.events.conversation.ConversationEvent.CsatRequested;
import io.parley.events.conversation.ConversationEvent.DeliveryError;
import io.parley.events.conversation.ConversationEvent.DeliveryOutcome;
import io.parley.events.conversation.ConversationEvent.DeliveryStatus;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.Labeled;
import io.parley.events.conversation.ConversationEvent.MessageContext;
import io.parley.events.conversation.ConversationEvent.MessageDeleted;
import io.parley.events.conversation.ConversationEvent.MessageDelivery;
import io.parley.events.conversation.ConversationEvent.MessageEdited;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.conversation.ConversationEvent.MessageStatus;
import io.parley.events.conversation.ConversationEvent.NoteAdded;
import io.parley.events.conversation.ConversationEvent.Party;
import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.conversation.ConversationEvent.Queued;
import io.parley.events.conversation.ConversationEvent.Referral;
import io.parley.events.conversation.ConversationEvent.SlaBreached;
import io.parley.events.conversation.ConversationEvent.SlaMetric;
import io.parley.events.conversation.ConversationEvent.StatusChanged;
import io.parley.events.conversation.ConversationEvent.Suggestion;
import io.parley.events.conversation.ConversationEvent.TicketCreated;
import io.parley.events.conversation.ConversationEvent.Transferred;
import io.parley.events.conversation.ConversationStatus;
import io.parley.events.hours.BusinessHours;
import io.parley.events.ids.ConversationId;
import io.parley.events.ids.EventIds;
import io.parley.events.routing.RoutingEvent;
import io.parley.events.workspace.WorkspaceEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One sample per event type: the approved shape of the contract, checked against the golden files. */
final class EventSamples {

    static final String CONVERSATION = ConversationId.whatsapp("106540352242922", "16505551234").toString();
    static final Instant TIME = Instant.parse("2026-11-22T10:00:00Z");
    static final String CAUSE = EventIds.forChannelMessage(Channel.WHATSAPP, "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");

    private EventSamples() {
    }

    static Map<String, Event> all() {
        Map<String, Event> samples = new LinkedHashMap<>();
        for (Event event : List.of(
                conversation("/ingest/whatsapp", null, new MessageReceived(Channel.WHATSAPP, "106540352242922",
                        "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
                        new Contact("16505551234", "Sheena Nelson", "16505551234"),
                        Content.text("Where is my order #4412? Olá, ¿dónde está? 你好 😀"), null,
                        new Referral("ad", "ad", "120200000000", "https://fb.me/ad", "Spring sale", "20% off", null),
                        new MessageContext(null, "pt_BR"), TIME)),
                conversation("/ingest/whatsapp", null, new MessageStatus("wamid.out-1", DeliveryStatus.FAILED,
                        new ChannelError(131047, "Re-engagement message",
                                "Message failed to send because more than 24 hours have passed"))),
                conversation("/ingest/whatsapp", null, new MessageEdited("wamid.in-2", Content.text("order #4413, sorry"))),
                conversation("/ingest/instagram", null, new MessageDeleted("aWdfZAG1faXRlbTox")),
                conversation("/bot", CAUSE, new MessageOutbound("out-1", new Author(AuthorKind.BOT, "bot"),
                        Content.menu("Did that solve it?", List.of(new Content.Option("yes", "Yes", null),
                                new Content.Option("no", "No, talk to a person", null))), "wamid.in-1", null)),
                conversation("/ingest/whatsapp", CAUSE, new MessageDelivery("out-1", DeliveryOutcome.FAILED, null,
                        new DeliveryError(131047, "Re-engagement message", false))),
                conversation("/bot", CAUSE, new BotAnswered("kb-track-order", "order_status", 0.93, "pt", "out-1")),
                conversation("/bot", CAUSE, new BotFlow("order-tracking", "ask-order-number",
                        Map.of("orderNumber", "4412"))),
                conversation("/bot", CAUSE, new BotSuggested("wamid.in-3", List.of(
                        new Suggestion("kb-refund", "Refunds take 5 working days.", 0.71),
                        new Suggestion("kb-track-order", "Track your order at …", 0.42)))),
                conversation("/bot", CAUSE, new HandoffRequested("asked-for-human",
                        "Customer asks where order #4412 is; tracking answer did not help.", "pt", List.of("orders"))),
                conversation("/routing", CAUSE, new Queued("support", Priority.HIGH, 3)),
                conversation("/routing", CAUSE, new Assigned("agent-7", "support", "rule-orders", "balanced")),
                conversation("/ticket", null, new Transferred(new Party("agent-7", "support"),
                        new Party(null, "billing"), "refund question")),
                conversation("/ticket", null, new StatusChanged(ConversationStatus.SNOOZED,
                        Instant.parse("2026-11-23T09:00:00Z"), "agent-7")),
                conversation("/ticket", null, new NoteAdded("note-1", "VIP customer, be quick", "agent-7")),
                conversation("/ticket", null, new Labeled(List.of("vip", "orders"), "agent-7")),
                conversation("/ticket", null, new TicketCreated("T-1001", "Where is my order #4412?",
                        Priority.NORMAL, "offline-message")),
                conversation("/ticket", null, new SlaBreached("messaging-normal", SlaMetric.FIRST_REPLY,
                        Instant.parse("2026-11-22T10:05:00Z"))),
                conversation("/ticket", null, new CsatRequested("out-9")),
                conversation("/ticket", CAUSE, new CsatReceived(5, "quick and kind")),
                conversation("/ticket", null, new CallbackScheduled(Instant.parse("2026-11-22T15:30:00Z"),
                        "+16505551234", "agent-7")),
                agent(new AgentEvent.PresenceChanged("agent-7", AgentEvent.Presence.ONLINE)),
                agent(new AgentEvent.ProfileUpdated("agent-7", "Ana Lima", List.of("support", "billing"),
                        List.of("orders", "refunds"), List.of("en", "pt"), Map.of("*", 3, "whatsapp", 5),
                        "ana@acme.example", "agent", true, "admin-1")),
                agent(new AgentActivity.Viewing("agent-7", CONVERSATION, true)),
                workspace(new WorkspaceEvent.TeamSaved("support", "Support", "balanced", "requeue", "default",
                        "standard", "admin-1")),
                workspace(new WorkspaceEvent.TeamDeleted("billing", "admin-1")),
                workspace(new WorkspaceEvent.HoursSet("default", BusinessHours.parse("Europe/Berlin",
                        "MON-FRI 09:00-12:00 13:00-18:00; SAT 10:00-14:00", Set.of(LocalDate.parse("2026-12-25"))),
                        "admin-1")),
                workspace(new WorkspaceEvent.HoursCleared("billing", "admin-1")),
                workspace(new WorkspaceEvent.ChannelSaved("whatsapp", "106540352242922", "Sales line", true,
                        Map.of(), Map.of("appSecret", "q2b0mSx4Xq1g8nJd1m0aJ6fG0pH5k3VvQy7W2A==",
                                "accessToken", "V7n1p3r5t7v9x1z3b5d7f9h1j3l5n7p9r1t3v5x7z9=="),
                        Map.of("appSecret", TIME, "accessToken", TIME), "admin-1")),
                workspace(new WorkspaceEvent.SlaPolicySet("high", "PT1M", "PT3M", "PT4H", true, 95, "admin-1")),
                workspace(new WorkspaceEvent.SlaPolicyCleared("low", "admin-1")),
                routing(new RoutingEvent.TeamConfigured("vip", "round-robin", "keep")),
                routing(new RoutingEvent.RulesReplaced(json("[{\"id\": \"refunds\", \"when\": {\"keywords\": [\"refund\"],"
                        + " \"languages\": [\"en\", \"pt\"]}, \"team\": \"billing\", \"priority\": \"high\","
                        + " \"requiredSkills\": [\"refunds\"]}]"), "support")),
                routing(new RoutingEvent.ContactProfiled(CONVERSATION, json("{\"customerSince\": \"2024-03-01\","
                        + " \"companyType\": \"retail\", \"plan\": \"pro\", \"products\": [\"shop\"]}"))),
                routing(new RoutingEvent.SettingsChanged(false)),
                snapshot(new AnalyticsEvent.Snapshot(TIME, "Europe/Berlin",
                        json("{\"conversations\": {\"bot\": 3, \"queued\": 1, \"assigned\": 2, \"pending\": 0,"
                                + " \"snoozed\": 0}, \"unattended\": {\"count\": 1, \"oldestWaitSeconds\": 95}}"),
                        json("{\"firstResponse\": {\"p50Seconds\": 42.0, \"p90Seconds\": 180.0,"
                                + " \"meanSeconds\": 77.5}, \"csat\": null}"))))) {
            samples.put(event.type(), event);
        }
        return samples;
    }

    private static Event conversation(String source, String causationId, EventData data) {
        String id = EventIds.nameBased("sample:" + EventTypes.typeOf(data)).toString();
        return new Event(id, source, CONVERSATION, TIME, "acme", causationId, data);
    }

    private static Event workspace(EventData data) {
        String id = EventIds.nameBased("sample:" + EventTypes.typeOf(data)).toString();
        return new Event(id, "/ticket/admin", "acme", TIME, "acme", null, data);
    }

    private static Event routing(EventData data) {
        String id = EventIds.nameBased("sample:" + EventTypes.typeOf(data)).toString();
        return new Event(id, "/routing/admin", "acme", TIME, "acme", null, data);
    }

    private static Event snapshot(EventData data) {
        String id = EventIds.nameBased("sample:" + EventTypes.typeOf(data)).toString();
        return new Event(id, "/analytics", "acme", TIME, "acme", null, data);
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return EventCodec.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Event agent(EventData data) {
        String id = EventIds.nameBased("sample:" + EventTypes.typeOf(data)).toString();
        return new Event(id, "/ticket/gateway", "agent-7", TIME, "acme", null, data);
    }
}
