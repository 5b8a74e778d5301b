package io.parley.bot.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.bot.conversation.ConversationMemory;
import io.parley.bot.flow.FlowEngine;
import io.parley.bot.kb.KnowledgeModel;
import io.parley.bot.tenant.BotSettings;
import io.parley.bot.tenant.TenantBot;
import io.parley.events.Event;
import io.parley.events.EventData;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.Contact;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.conversation.ConversationEvent.Queued;
import io.parley.events.hours.BusinessHours;
import io.parley.events.ids.ConversationId;
import io.parley.events.state.ConversationState;
import io.parley.events.workspace.Workspace;
import io.parley.events.workspace.WorkspaceEvent.HoursCleared;
import io.parley.events.workspace.WorkspaceEvent.HoursSet;
import io.parley.events.workspace.WorkspaceEvent.TeamSaved;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The bot's after-hours decisions read the tenant's {@link Workspace} as folded from workspace-events, through
 * {@link Workspace#hoursOf}: the conversation's team, else the bot's team, each by its calendar, else its own id's,
 * else the tenant's default. The hours are those of ticket-service's SLA-deadline twin ({@code BusinessCalendarTest},
 * nine to five in Berlin), around the same change: Berlin leaves summer time on Sunday 25 Oct 2026, so the Monday
 * after opens at 08:00Z where the Friday before opened at 07:00Z.
 */
class AfterHoursDecisionTest {

    private static final String TENANT = "acme";
    /** Monday 26 Oct 2026, 08:30 in Berlin (CET): closed at nine-to-five; under summer time it would be 09:30, open. */
    private static final Instant MONDAY_AFTER_DST_CHANGE = Instant.parse("2026-10-26T07:30:00Z");
    private static final Instant MONDAY_NINE_BERLIN = Instant.parse("2026-10-26T08:00:00Z");
    private static final String ASKS_FOR_PERSON = "I want to talk to a person";

    private static final BusinessHours NINE_TO_FIVE_BERLIN = BusinessHours.parse("Europe/Berlin",
            "MON-FRI 09:00-17:00", Set.of(LocalDate.parse("2026-12-25")));
    private static final BusinessHours EARLY_SHIFT_BERLIN = BusinessHours.parse("Europe/Berlin",
            "MON-FRI 07:00-15:00", Set.of());
    private static final BusinessHours TOKYO_OFFICE = BusinessHours.parse("Asia/Tokyo", "MON-FRI 09:00-18:00", Set.of());

    private final Dialogue dialogue = new Dialogue(new FlowEngine((method, url, slots) -> {
        throw new AssertionError("no flow runs in these tests");
    }));

    /**
     * The tenant's default is nine-to-five in Berlin; team {@code billing} works by the calendar {@code early}, team
     * {@code tokyo-desk} has a calendar under its own id, team {@code returns} has none.
     */
    private final Workspace workspace = workspace(
            new HoursSet(Workspace.DEFAULT_CALENDAR, NINE_TO_FIVE_BERLIN, "admin-1"),
            new HoursSet("early", EARLY_SHIFT_BERLIN, "admin-1"),
            new TeamSaved("billing", "Billing", "balanced", "requeue", "early", null, "admin-1"),
            new HoursSet("tokyo-desk", TOKYO_OFFICE, "admin-1"));

    @Test
    void just_after_the_autumn_dst_change_a_handoff_is_after_hours_and_says_people_are_back_at_nine_berlin_time() {
        List<EventData> closed = respond(bot(null), workspace, freshConversation(), ASKS_FOR_PERSON,
                MONDAY_AFTER_DST_CHANGE);
        assertThat(handoffReason(closed)).isEqualTo("after-hours");
        assertThat(replyText(closed)).contains("Monday 26 October 09:00 (Europe/Berlin)");

        assertThat(handoffReason(respond(bot(null), workspace, freshConversation(), ASKS_FOR_PERSON,
                MONDAY_NINE_BERLIN))).isEqualTo("asked-for-human");
    }

    @Test
    void at_the_instants_of_the_sla_twin_the_bot_is_open_on_friday_afternoon_and_closed_until_monday_08z() {
        // The SLA twin: Friday 16:30 local has half an hour left; on Saturday the clock waits for Monday 08:00Z.
        assertThat(handoffReason(respond(bot(null), workspace, freshConversation(), ASKS_FOR_PERSON,
                Instant.parse("2026-10-23T14:30:00Z")))).isEqualTo("asked-for-human");
        List<EventData> saturday = respond(bot(null), workspace, freshConversation(), ASKS_FOR_PERSON,
                Instant.parse("2026-10-24T12:00:00Z"));
        assertThat(handoffReason(saturday)).isEqualTo("after-hours");
        assertThat(replyText(saturday)).contains("Monday 26 October 09:00 (Europe/Berlin)");
    }

    @Test
    void before_routing_chose_a_team_the_bots_team_decides_by_its_calendar() {
        assertThat(handoffReason(respond(bot("billing"), workspace, freshConversation(), ASKS_FOR_PERSON,
                MONDAY_AFTER_DST_CHANGE))).isEqualTo("asked-for-human");
        assertThat(handoffReason(respond(bot("tokyo-desk"), workspace, freshConversation(), ASKS_FOR_PERSON,
                MONDAY_AFTER_DST_CHANGE))).isEqualTo("asked-for-human"); // 16:30 in Tokyo
        assertThat(handoffReason(respond(bot("returns"), workspace, freshConversation(), ASKS_FOR_PERSON,
                MONDAY_AFTER_DST_CHANGE))).isEqualTo("after-hours");
    }

    @Test
    void once_routing_queued_the_conversation_its_team_decides_whether_people_are_away() {
        // The bot hands off to billing (open on the early shift), but routing queued the conversation elsewhere.
        TenantBot billingBot = bot("billing");
        assertThat(Dialogue.waitsForPeopleAfterHours(afterHoursHandoffQueuedTo("tokyo-desk"), billingBot, workspace,
                MONDAY_AFTER_DST_CHANGE)).isFalse();
        // A team without hours of its own works by the tenant's default, as its SLA clock does, not by the bot's team.
        assertThat(Dialogue.waitsForPeopleAfterHours(afterHoursHandoffQueuedTo("returns"), billingBot, workspace,
                MONDAY_AFTER_DST_CHANGE)).isTrue();
        assertThat(billingBot.businessHours(workspace, "returns")).contains(NINE_TO_FIVE_BERLIN);
        assertThat(billingBot.businessHours(workspace, null)).contains(EARLY_SHIFT_BERLIN);
    }

    @Test
    void a_change_of_hours_decides_the_next_message_with_the_same_bot() {
        TenantBot bot = bot(null);
        Workspace cleared = workspace.evolve(workspaceEvent(new HoursCleared(Workspace.DEFAULT_CALENDAR, "admin-1")));

        assertThat(handoffReason(respond(bot, workspace, freshConversation(), ASKS_FOR_PERSON,
                MONDAY_AFTER_DST_CHANGE))).isEqualTo("after-hours");
        assertThat(handoffReason(respond(bot, cleared, freshConversation(), ASKS_FOR_PERSON,
                MONDAY_AFTER_DST_CHANGE))).isEqualTo("asked-for-human"); // no hours: open around the clock
    }

    @Test
    void on_a_holiday_the_notice_names_the_next_working_day_in_the_tenants_zone() {
        Instant christmasFriday = Instant.parse("2026-12-25T10:00:00Z");
        assertThat(replyText(respond(bot(null), workspace, freshConversation(), ASKS_FOR_PERSON, christmasFriday)))
                .contains("Monday 28 December 09:00 (Europe/Berlin)");
    }

    private List<EventData> respond(TenantBot bot, Workspace hours, ConversationMemory before, String text,
                                    Instant now) {
        Event message = customerMessage(before.state().conversationId(), text, now);
        return dialogue.respond(message, (MessageReceived) message.data(), before.evolve(message), bot, hours,
                Optional.of("en"), now);
    }

    /** A bot as TenantBots builds it, its settings' team given or left to the default. */
    private static TenantBot bot(String settingsTeam) {
        BotSettings defaults = new BotSettings("en", 0.4, null);
        return new TenantBot(TENANT, new BotSettings(null, null, settingsTeam).withDefaults(defaults),
                KnowledgeModel.empty("en"), Map.of(), 1, Instant.EPOCH);
    }

    private static Workspace workspace(EventData... events) {
        Workspace workspace = Workspace.empty(TENANT);
        for (EventData data : events) {
            workspace = workspace.evolve(workspaceEvent(data));
        }
        return workspace;
    }

    private static Event workspaceEvent(EventData data) {
        return new Event(UUID.randomUUID().toString(), "/ticket/admin", TENANT, Instant.EPOCH, TENANT, null, data);
    }

    private static ConversationMemory freshConversation() {
        return ConversationMemory.initial(ConversationId.api("web-widget", "user-" + UUID.randomUUID()).toString());
    }

    /** Handed off after hours, then queued by routing to a team; nobody has taken it. */
    private static ConversationState afterHoursHandoffQueuedTo(String team) {
        ConversationMemory memory = freshConversation();
        String conversation = memory.state().conversationId();
        Instant earlier = MONDAY_AFTER_DST_CHANGE.minusSeconds(60);
        memory = memory.evolve(customerMessage(conversation, ASKS_FOR_PERSON, earlier));
        memory = memory.evolve(new Event(UUID.randomUUID().toString(), "/bot", conversation, earlier.plusSeconds(1),
                TENANT, null, new HandoffRequested("after-hours", "summary", "en", List.of())));
        memory = memory.evolve(new Event(UUID.randomUUID().toString(), "/routing", conversation,
                earlier.plusSeconds(2), TENANT, null, new Queued(team, Priority.NORMAL, 1)));
        return memory.state();
    }

    private static Event customerMessage(String conversation, String text, Instant at) {
        ConversationId id = ConversationId.parse(conversation);
        String channelMessageId = "m-" + UUID.randomUUID();
        return new Event(UUID.randomUUID().toString(), "/ingest/api", conversation, at, TENANT, null,
                new MessageReceived(id.channel(), id.account(), channelMessageId, new Contact(id.user(), "Sheena", null),
                        Content.text(text), null, null, null, at));
    }

    private static String handoffReason(List<EventData> reactions) {
        return reactions.stream().filter(HandoffRequested.class::isInstance).map(HandoffRequested.class::cast)
                .map(HandoffRequested::reason).findFirst().orElseThrow();
    }

    private static String replyText(List<EventData> reactions) {
        return reactions.stream().filter(MessageOutbound.class::isInstance).map(MessageOutbound.class::cast)
                .map(outbound -> outbound.content().text()).findFirst().orElseThrow();
    }
}
