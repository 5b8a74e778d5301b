package io.parley.ticket.lifecycle;

import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.Author;
import io.parley.events.conversation.ConversationEvent.AuthorKind;
import io.parley.events.conversation.ConversationEvent.CsatRequested;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.conversation.ConversationEvent.SlaBreached;
import io.parley.events.conversation.ConversationEvent.SlaMetric;
import io.parley.events.conversation.ConversationEvent.StatusChanged;
import io.parley.events.conversation.ConversationStatus;
import io.parley.events.ids.EventIds;
import io.parley.events.sla.Priorities;
import io.parley.events.state.ConversationState;
import java.time.Instant;
import java.util.List;

/**
 * What a due timer appends to its conversation. The timer is checked against the current state first: a timer whose
 * reason went away (the agent replied, the customer wrote) fires nothing.
 */
public final class TimerActions {

    private final TicketPolicy policy;
    private final TimerPlanner planner;

    public TimerActions(TicketPolicy policy) {
        this.policy = policy;
        this.planner = new TimerPlanner(policy);
    }

    public List<Reaction> fire(String kind, ConversationState state, Instant now) {
        Instant planned = planner.plan(state).get(kind);
        if (planned == null || planned.isAfter(now)) {
            return List.of();
        }
        String timerKey = kind + "/" + planned;
        return actions(kind, planned, state).stream()
                .map(reaction -> new Reaction(timerKey + "/" + reaction.purpose(), reaction.data()))
                .toList();
    }

    private List<Reaction> actions(String kind, Instant planned, ConversationState state) {
        String policyName = Priorities.wireName(Priorities.of(state));
        return switch (kind) {
            case TimerKind.SLA_FIRST_REPLY -> breach(policyName, SlaMetric.FIRST_REPLY, planned);
            case TimerKind.SLA_NEXT_REPLY -> breach(policyName, SlaMetric.NEXT_REPLY, planned);
            case TimerKind.SLA_RESOLUTION -> breach(policyName, SlaMetric.RESOLUTION, planned);
            case TimerKind.IDLE_REMINDER ->
                    List.of(systemMessage(state, "reminder/" + planned, policy.idleReminderText()));
            case TimerKind.IDLE_CLOSE -> List.of(new Reaction("close",
                    new StatusChanged(ConversationStatus.CLOSED, null, null)));
            case TimerKind.SNOOZE_WAKE -> List.of(new Reaction("wake",
                    new StatusChanged(ConversationStatus.OPEN, null, null)));
            case TimerKind.CSAT_REQUEST -> csatRequest(state, planned);
            case TimerKind.UNASSIGNED_TICKET -> List.of(new Reaction("ticket",
                    Reactions.ticket(state, "no-capacity", Priorities.of(state), kind + "/" + planned)));
            default -> List.of();
        };
    }

    private static List<Reaction> breach(String policyName, SlaMetric metric, Instant dueAt) {
        return List.of(new Reaction("breach", new SlaBreached(policyName, metric, dueAt)));
    }

    private List<Reaction> csatRequest(ConversationState state, Instant solvedAt) {
        Reaction question = systemMessage(state, "csat/" + solvedAt, policy.csatQuestion());
        String messageId = ((MessageOutbound) question.data()).messageId();
        return List.of(question, new Reaction("csat-requested", new CsatRequested(messageId)));
    }

    private static Reaction systemMessage(ConversationState state, String purpose, String text) {
        String messageId = EventIds.nameBased(state.conversationId() + "/system-message/" + purpose).toString();
        return new Reaction(purpose, new MessageOutbound(messageId, new Author(AuthorKind.SYSTEM, null),
                Content.text(text), null, null));
    }
}
