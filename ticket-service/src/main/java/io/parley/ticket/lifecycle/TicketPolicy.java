package io.parley.ticket.lifecycle;

import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.sla.BusinessCalendar;
import io.parley.events.sla.SlaPolicies;
import io.parley.events.sla.SlaTargets;
import io.parley.events.workspace.Workspace;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The rules of tickets and timers. SLA policies and calendars are per tenant: its workspace's, over the configured
 * ones.
 *
 * @param reopenWindow          a customer reply to a solved ticket within this window reopens it; later, a new ticket
 * @param unassignedTicketAfter a conversation handed off but taken by nobody for this long becomes a ticket
 * @param idleReminderAfter     waiting on a silent customer this long sends them a reminder
 * @param idleCloseAfter        ... and this long closes the conversation
 * @param ticketReasons         hand-off reasons that mean nobody can take the conversation now (immediate ticket)
 * @param sla                   the configured SLA policies, for tenants whose workspace sets none of a priority
 * @param businessCalendar      when each tenant is open, for SLA policies counted in business hours
 * @param workspaces            each tenant's workspace, whose SLA policies come first
 */
public record TicketPolicy(
        Duration reopenWindow,
        Duration unassignedTicketAfter,
        Duration idleReminderAfter,
        Duration idleCloseAfter,
        Set<String> ticketReasons,
        Map<Priority, SlaTargets> sla,
        String idleReminderText,
        String csatQuestion,
        BusinessCalendar businessCalendar,
        Function<String, Workspace> workspaces) {

    /** The tenant's policies by priority: its workspace's over the configured ones. */
    public Map<Priority, SlaTargets> slaPolicies(String tenant) {
        return SlaPolicies.of(sla, workspaces.apply(tenant));
    }

    public SlaTargets slaFor(String tenant, Priority priority) {
        return SlaPolicies.targetsFor(slaPolicies(tenant), priority);
    }

    /** Sensible defaults: messaging-style SLAs (90% within minutes, wall clock), a day of idle before a reminder. */
    public static TicketPolicy defaults() {
        return new TicketPolicy(
                Duration.ofDays(7),
                Duration.ofMinutes(10),
                Duration.ofHours(24),
                Duration.ofHours(48),
                Set.of("after-hours", "offline-message", "leave-message", "no-agent-online"),
                SlaPolicies.DEFAULTS,
                "Are you still there? Reply to keep this conversation open.",
                "How would you rate our help today? Reply with a number from 1 (bad) to 5 (great).",
                BusinessCalendar.ALWAYS_OPEN,
                Workspace::empty);
    }
}
