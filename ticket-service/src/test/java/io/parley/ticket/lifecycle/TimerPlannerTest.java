package io.parley.ticket.lifecycle;

import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent.Assigned;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.conversation.ConversationEvent.SlaBreached;
import io.parley.events.conversation.ConversationEvent.SlaMetric;
import io.parley.events.conversation.ConversationEvent.StatusChanged;
import io.parley.events.conversation.ConversationEvent.TicketCreated;
import io.parley.events.conversation.ConversationStatus;
import io.parley.events.hours.BusinessHours;
import io.parley.events.sla.BusinessCalendar;
import io.parley.events.sla.SlaTargets;
import io.parley.events.state.ConversationFold;
import io.parley.events.state.ConversationState;
import io.parley.events.workspace.Workspace;
import io.parley.events.workspace.WorkspaceEvent.SlaPolicySet;
import io.parley.ticket.support.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class TimerPlannerTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private final TicketPolicy policy = TicketPolicy.defaults();
    private final TimerPlanner planner = new TimerPlanner(policy);
    private final TimerActions actions = new TimerActions(policy);
    private final String conversation = Events.whatsappConversation();
    private final List<Event> log = new ArrayList<>();

    @Test
    void firstReplySlaRunsFromTheHandoffAndBreachesOnce() {
        append(Events.customerMessage(conversation, "acme", "hello", T0));
        append(Events.of(conversation, "acme", T0.plusSeconds(60), new HandoffRequested("asked-for-human", null, "en", null)));

        Instant due = planner.plan(state()).get(TimerKind.SLA_FIRST_REPLY);
        assertThat(due).isEqualTo(T0.plusSeconds(60).plus(Duration.ofMinutes(5)));
        assertThat(actions.fire(TimerKind.SLA_FIRST_REPLY, state(), due.minusSeconds(1))).isEmpty();

        List<Reaction> fired = actions.fire(TimerKind.SLA_FIRST_REPLY, state(), due);
        assertThat(fired).extracting(Reaction::data).containsExactly(new SlaBreached("normal", SlaMetric.FIRST_REPLY, due));
        append(fired.get(0).toEvent(conversation, "acme", null, due));
        assertThat(planner.plan(state())).doesNotContainKey(TimerKind.SLA_FIRST_REPLY);
    }

    @Test
    void aTenantsOwnPolicyFromItsWorkspaceSetsItsClocksAndOnlyItsOwn() {
        Workspace acme = Workspace.empty("acme").evolve(new Event("sla-1", "/ticket/admin", "acme", T0, "acme",
                null, new SlaPolicySet("normal", "PT1M", "PT2M", "PT1H", false, 95, "root")));
        TicketPolicy defaults = TicketPolicy.defaults();
        TicketPolicy perTenant = new TicketPolicy(defaults.reopenWindow(), defaults.unassignedTicketAfter(),
                defaults.idleReminderAfter(), defaults.idleCloseAfter(), defaults.ticketReasons(), defaults.sla(),
                defaults.idleReminderText(), defaults.csatQuestion(), defaults.businessCalendar(),
                tenant -> "acme".equals(tenant) ? acme : Workspace.empty(tenant));
        append(Events.customerMessage(conversation, "acme", "hello", T0));
        append(Events.of(conversation, "acme", T0, new HandoffRequested("asked-for-human", null, "en", null)));

        assertThat(new TimerPlanner(perTenant).plan(state())).containsEntry(TimerKind.SLA_FIRST_REPLY,
                T0.plus(Duration.ofMinutes(1)));
        log.clear();
        append(Events.customerMessage(conversation, "globex", "hello", T0));
        append(Events.of(conversation, "globex", T0, new HandoffRequested("asked-for-human", null, "en", null)));
        assertThat(new TimerPlanner(perTenant).plan(state())).containsEntry(TimerKind.SLA_FIRST_REPLY,
                T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void snoozeWakesAtItsTimeAndSolvedAsksForCsat() {
        append(Events.customerMessage(conversation, "acme", "hello", T0));
        append(Events.of(conversation, "acme", T0.plusSeconds(1), new Assigned("alice", "support", null, "manual")));
        Instant until = T0.plus(Duration.ofHours(3));
        append(Events.of(conversation, "acme", T0.plusSeconds(2), new StatusChanged(ConversationStatus.SNOOZED, until, "alice")));
        assertThat(planner.plan(state())).containsEntry(TimerKind.SNOOZE_WAKE, until);

        append(Events.of(conversation, "acme", T0.plusSeconds(3), new StatusChanged(ConversationStatus.SOLVED, null, "alice")));
        assertThat(planner.plan(state())).containsEntry(TimerKind.CSAT_REQUEST, T0.plusSeconds(3))
                .doesNotContainKey(TimerKind.SNOOZE_WAKE);
        assertThat(actions.fire(TimerKind.CSAT_REQUEST, state(), T0.plusSeconds(3))).hasSize(2);
    }

    @Test
    void aHandoffNobodyTakesBecomesATicket() {
        append(Events.customerMessage(conversation, "acme", "hello", T0));
        append(Events.of(conversation, "acme", T0, new HandoffRequested("low-confidence", "refund please", "en", null)));
        Instant due = planner.plan(state()).get(TimerKind.UNASSIGNED_TICKET);
        assertThat(due).isEqualTo(T0.plus(policy.unassignedTicketAfter()));
        List<Reaction> fired = actions.fire(TimerKind.UNASSIGNED_TICKET, state(), due);
        assertThat(fired).singleElement().satisfies(reaction -> assertThat(reaction.data())
                .isInstanceOfSatisfying(TicketCreated.class, ticket -> {
                    assertThat(ticket.origin()).isEqualTo("no-capacity");
                    assertThat(ticket.subject()).isEqualTo("refund please");
                }));
    }

    @Test
    void businessHoursPolicyDefersTheFirstReplyDeadlineToTheNextOpening() {
        TicketPolicy defaults = TicketPolicy.defaults();
        BusinessHours hours = BusinessHours.parse("Australia/Brisbane", "MON-FRI 09:00-18:00", Set.of());
        TicketPolicy businessPolicy = new TicketPolicy(defaults.reopenWindow(), defaults.unassignedTicketAfter(),
                defaults.idleReminderAfter(), defaults.idleCloseAfter(), defaults.ticketReasons(),
                Map.of(Priority.NORMAL, new SlaTargets(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(8),
                        true, 80)),
                defaults.idleReminderText(), defaults.csatQuestion(), new BusinessCalendar(Map.of("acme", hours), Workspace::empty),
                Workspace::empty);
        // Tuesday 17:30 in Brisbane (UTC+10)
        Instant halfPastFive = Instant.parse("2026-11-24T07:30:00Z");
        append(Events.customerMessage(conversation, "acme", "hello", halfPastFive));
        append(Events.of(conversation, "acme", halfPastFive,
                new HandoffRequested("asked-for-human", null, "en", null)));

        Instant due = new TimerPlanner(businessPolicy).plan(state()).get(TimerKind.SLA_FIRST_REPLY);

        assertThat(due).isEqualTo("2026-11-24T23:30:00Z"); // Wednesday 09:30 local
        assertThat(new TimerActions(businessPolicy).fire(TimerKind.SLA_FIRST_REPLY, state(), due))
                .extracting(Reaction::data).containsExactly(new SlaBreached("normal", SlaMetric.FIRST_REPLY, due));
    }

    private void append(Event event) {
        log.add(event);
    }

    private ConversationState state() {
        return ConversationFold.fold(conversation, log);
    }
}
