package io.parley.ticket.lifecycle;

import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.conversation.ConversationEvent.SlaMetric;
import io.parley.events.conversation.ConversationStatus;
import io.parley.events.sla.Priorities;
import io.parley.events.sla.SlaPolicies;
import io.parley.events.sla.SlaTargets;
import io.parley.events.state.ConversationState.SlaBreach;
import io.parley.events.state.ConversationState;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which timers a conversation needs now, and when each is due, from its folded state and its tenant's SLA policies.
 * Re-planning after every event keeps the timer table a function of the log, so a rebuilt projection plans the same
 * timers; a policy changed in the workspace applies to a conversation's clocks from its next event on.
 */
public final class TimerPlanner {

    private final TicketPolicy policy;

    public TimerPlanner(TicketPolicy policy) {
        this.policy = policy;
    }

    public Map<String, Instant> plan(ConversationState state) {
        Map<String, Instant> timers = new LinkedHashMap<>();
        if (state.tenant() == null) {
            return timers;
        }
        ConversationStatus status = state.status();
        String policyName = Priorities.wireName(Priorities.of(state));
        Map<Priority, SlaTargets> policies = policy.slaPolicies(state.tenant());
        SlaTargets targets = SlaPolicies.targetsFor(policies, Priorities.of(state));
        boolean working = status == ConversationStatus.OPEN || status == ConversationStatus.PENDING;
        Instant awaiting = state.awaitingAgentReplySince();

        SlaPolicies.replyDue(state, policies, policy.businessCalendar()).ifPresent(due -> timers.put(
                due.metric() == SlaMetric.FIRST_REPLY ? TimerKind.SLA_FIRST_REPLY : TimerKind.SLA_NEXT_REPLY,
                due.dueAt()));
        if (state.ticket() != null && status != ConversationStatus.SOLVED && status != ConversationStatus.CLOSED
                && status != ConversationStatus.BOT && !breached(state, policyName, SlaMetric.RESOLUTION)) {
            timers.put(TimerKind.SLA_RESOLUTION,
                    deadline(state, targets, state.ticket().stamp().time(), targets.resolution()));
        }
        if (working && awaiting == null && state.lastAgentMessageAt() != null) {
            timers.put(TimerKind.IDLE_REMINDER, state.lastAgentMessageAt().plus(policy.idleReminderAfter()));
            timers.put(TimerKind.IDLE_CLOSE, state.lastAgentMessageAt().plus(policy.idleCloseAfter()));
        }
        if (status == ConversationStatus.SNOOZED && state.statusChange().value().until() != null) {
            timers.put(TimerKind.SNOOZE_WAKE, state.statusChange().value().until());
        }
        if (status == ConversationStatus.SOLVED
                && (state.csatRequested() == null || state.statusChange().stamp().isAfter(state.csatRequested()))) {
            timers.put(TimerKind.CSAT_REQUEST, state.statusChange().stamp().time());
        }
        if (status == ConversationStatus.OPEN && state.assignee() == null && state.ticket() == null
                && state.handoff() != null) {
            timers.put(TimerKind.UNASSIGNED_TICKET,
                    state.handoff().stamp().time().plus(policy.unassignedTicketAfter()));
        }
        return timers;
    }

    private Instant deadline(ConversationState state, SlaTargets targets, Instant since, Duration target) {
        return policy.businessCalendar().deadline(state.tenant(), state.team(), since, target, targets.businessHours());
    }

    private static boolean breached(ConversationState state, String policyName, SlaMetric metric) {
        return state.slaBreaches().contains(new SlaBreach(policyName, metric));
    }
}
