package io.parley.ticket.lifecycle;

import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent.CsatReceived;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.conversation.ConversationEvent.StatusChanged;
import io.parley.events.conversation.ConversationEvent.TicketCreated;
import io.parley.events.conversation.ConversationStatus;
import io.parley.events.ids.EventIds;
import io.parley.events.sla.Priorities;
import io.parley.events.state.ConversationState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What this service appends in answer to an event of the log: tickets when nobody can take over, CSAT scores. */
public final class Reactions {

    private static final int SUBJECT_LENGTH = 80;

    private final TicketPolicy policy;

    public Reactions(TicketPolicy policy) {
        this.policy = policy;
    }

    /** @param before the conversation before {@code event}, {@code after} with it applied */
    public List<Reaction> react(ConversationState before, ConversationState after, Event event) {
        List<Reaction> reactions = new ArrayList<>();
        if (event.data() instanceof HandoffRequested handoff && policy.ticketReasons().contains(handoff.reason())
                && !hasOpenTicket(before)) {
            reactions.add(new Reaction("ticket", ticket(after, handoff.reason(), Priorities.of(after), event.id())));
        }
        if (event.data() instanceof MessageReceived received) {
            Optional<CsatReply.Score> score = awaitsCsat(before, event.time()) ? CsatReply.parse(received.content())
                    : Optional.empty();
            if (score.isPresent()) {
                reactions.add(new Reaction("csat", new CsatReceived(score.get().score(), score.get().comment())));
                if (before.status() == ConversationStatus.SOLVED) {
                    // a rating is not a new question: the conversation stays solved
                    reactions.add(new Reaction("csat-keeps-solved",
                            new StatusChanged(ConversationStatus.SOLVED, null, null)));
                }
            } else if (startsNewTicket(before, event)) {
                reactions.add(new Reaction("ticket", ticket(after, "reopened-after-window", Priorities.of(before), event.id())));
            }
        }
        return reactions;
    }

    /** A customer writing to a ticket solved longer ago than the reopen window gets a new ticket, not the old one. */
    public boolean startsNewTicket(ConversationState before, Event event) {
        if (!(event.data() instanceof MessageReceived) || before.ticket() == null
                || before.status() != ConversationStatus.SOLVED) {
            return false;
        }
        Instant solvedAt = before.statusChange().stamp().time();
        return Duration.between(solvedAt, event.time()).compareTo(policy.reopenWindow()) > 0;
    }

    private static boolean awaitsCsat(ConversationState before, Instant messageTime) {
        return before.csatRequested() != null && !messageTime.isBefore(before.csatRequested().time())
                && (before.csatScore() == null || before.csatRequested().isAfter(before.csatScore().stamp()));
    }

    private static boolean hasOpenTicket(ConversationState state) {
        return state.ticket() != null && !TicketStatus.of(state).isDone();
    }

    /** @param cause what made the ticket (an event id, a timer): the same cause always makes the same ticket id */
    static TicketCreated ticket(ConversationState state, String origin, Priority priority, String cause) {
        String ticketId = EventIds.nameBased("ticket/" + state.conversationId() + "/" + cause).toString();
        return new TicketCreated(ticketId, subjectOf(state), priority, origin);
    }

    private static String subjectOf(ConversationState state) {
        String who = state.contact() == null || state.contact().value().name() == null
                ? state.conversationId() : state.contact().value().name();
        String summary = state.handoff() == null ? null : state.handoff().value().summary();
        String subject = summary == null || summary.isBlank() ? "Conversation with " + who : summary;
        return subject.length() <= SUBJECT_LENGTH ? subject : subject.substring(0, SUBJECT_LENGTH - 1) + "…";
    }
}
