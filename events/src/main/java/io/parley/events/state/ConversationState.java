package io.parley.events.state;

import io.parley.events.Channel;
import io.parley.events.conversation.ConversationEvent.BotFlow;
import io.parley.events.conversation.ConversationEvent.Contact;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.Party;
import io.parley.events.conversation.ConversationEvent.Queued;
import io.parley.events.conversation.ConversationEvent.SlaMetric;
import io.parley.events.conversation.ConversationEvent.StatusChanged;
import io.parley.events.conversation.ConversationEvent.TicketCreated;
import io.parley.events.conversation.ConversationStatus;
import io.parley.events.ids.ConversationId;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;

/**
 * Everything the services need to know about one conversation, folded from its events by
 * {@link ConversationFold#evolve}. Every field is a register that merges commutatively (last writer wins by
 * {@link Stamp}, earliest/latest stamp, set union), and the answers agents care about (status, assignee, queue
 * position, mode) are derived from those registers. So duplicates and any interleaving of several writers' events fold
 * to the same state.
 */
public record ConversationState(
        String conversationId,
        String tenant,
        Latest<Contact> contact,
        Latest<String> language,
        Stamp firstCustomerMessage,
        Latest<String> lastCustomerMessage,
        SortedSet<Stamp> customerMessagesAwaitingAgent,
        Stamp lastAgentMessage,
        Stamp lastBotMessage,
        Latest<StatusChanged> statusChange,
        Latest<HandoffRequested> handoff,
        Latest<Queued> queued,
        Latest<Party> assignment,
        Latest<BotFlow> flow,
        Latest<List<String>> labels,
        Latest<TicketCreated> ticket,
        Set<SlaBreach> slaBreaches,
        Stamp csatRequested,
        Latest<Integer> csatScore,
        AppliedIds appliedEventIds) {

    public ConversationState {
        appliedEventIds = appliedEventIds == null ? AppliedIds.none() : appliedEventIds;
    }

    /** Who speaks for the business: the bot, or people. */
    public enum Mode { BOT, HUMAN }

    public record SlaBreach(String policy, SlaMetric metric) {
    }

    public static ConversationState initial(String conversationId) {
        return new ConversationState(conversationId, null, null, null, null, null, Collections.emptySortedSet(),
                null, null, null, null, null, null, null, null, null, Set.of(), null, null, AppliedIds.none());
    }

    public Channel channel() {
        return ConversationId.parse(conversationId).channel();
    }

    public boolean hasApplied(String eventId) {
        return appliedEventIds.contains(eventId);
    }

    /** The status agents see: the last explicit change, unless people took over or the customer wrote since. */
    public ConversationStatus status() {
        Stamp human = humanActivity();
        ConversationStatus base;
        Stamp since;
        if (statusChange != null && statusChange.stamp().isAfter(human)) {
            base = statusChange.value().status();
            since = statusChange.stamp();
        } else if (human != null) {
            base = ConversationStatus.OPEN;
            since = human;
        } else {
            return ConversationStatus.BOT;
        }
        if (lastCustomerMessage != null && lastCustomerMessage.stamp().isAfter(since)) {
            return switch (base) {
                case PENDING, SNOOZED, SOLVED -> ConversationStatus.OPEN;
                case CLOSED -> ConversationStatus.BOT;
                default -> base;
            };
        }
        return base;
    }

    public Mode mode() {
        return status() == ConversationStatus.BOT ? Mode.BOT : Mode.HUMAN;
    }

    /** The agent who owns the conversation; none once it was queued again, closed or handed back to the bot since. */
    public String assignee() {
        if (assignment == null || assignment.value().agentId() == null) {
            return null;
        }
        return assignment.stamp().isAfter(assignmentVoidedAt()) ? assignment.value().agentId() : null;
    }

    /** The team that owns or will own the conversation: from the latest assignment, transfer or queueing. */
    public String team() {
        Latest<String> fromAssignment = assignment == null ? null
                : new Latest<>(assignment.value().team(), assignment.stamp());
        Latest<String> fromQueue = queued == null ? null : new Latest<>(queued.value().team(), queued.stamp());
        Latest<String> latest = fromQueue == null ? fromAssignment
                : fromAssignment == null ? fromQueue
                : fromQueue.stamp().isAfter(fromAssignment.stamp()) ? fromQueue : fromAssignment;
        if (latest == null || status() == ConversationStatus.BOT) {
            return null;
        }
        return latest.value();
    }

    /** Position in the team's waiting queue (1 = next), while the conversation waits for a person. */
    public Integer queuePosition() {
        if (queued == null || status() != ConversationStatus.OPEN
                || !queued.stamp().isAfter(Latest.stampOf(assignment))) {
            return null;
        }
        return queued.value().position();
    }

    /** Since when the customer waits for a person's reply: the first customer message after the last agent reply. */
    public Instant awaitingAgentReplySince() {
        return customerMessagesAwaitingAgent.isEmpty() ? null : customerMessagesAwaitingAgent.first().time();
    }

    public Instant lastCustomerMessageAt() {
        return lastCustomerMessage == null ? null : lastCustomerMessage.stamp().time();
    }

    public Instant lastAgentMessageAt() {
        return lastAgentMessage == null ? null : lastAgentMessage.time();
    }

    public List<String> currentLabels() {
        return labels == null ? List.of() : labels.value();
    }

    Stamp humanActivity() {
        return Stamp.latest(Stamp.latest(Latest.stampOf(handoff), Latest.stampOf(queued)),
                Stamp.latest(Latest.stampOf(assignment), lastAgentMessage));
    }

    private Stamp assignmentVoidedAt() {
        Stamp voided = Latest.stampOf(queued);
        if (statusChange != null && (statusChange.value().status() == ConversationStatus.CLOSED
                || statusChange.value().status() == ConversationStatus.BOT)) {
            voided = Stamp.latest(voided, statusChange.stamp());
        }
        return voided;
    }
}
