package io.parley.analytics.figures;

import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.conversation.ConversationEvent.SlaMetric;
import io.parley.events.sla.Priorities;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One stretch of a conversation from the customer message that opened it to its resolution: a conversation has a new
 * episode when the customer writes after it was solved (a reopen) or closed (a new conversation for the figures).
 * Mutable only while {@link ConversationFacts} walks the timeline.
 */
public final class Episode {

    final Instant start;
    final boolean reopened;
    Instant humanRequestedAt;
    Instant queuedAt;
    Instant assignedAt;
    Instant firstHumanReplyAt;
    Instant resolvedAt;
    Instant ticketAt;
    boolean closed;
    boolean botAnswered;
    int transfers;
    String team;
    Priority ticketPriority;
    Priority queuePriority;
    String breachedPolicy;
    final List<String> handoffReasons = new ArrayList<>();
    final List<Wait> nextReplyWaits = new ArrayList<>();
    final Set<SlaMetric> breaches = EnumSet.noneOf(SlaMetric.class);
    final Set<String> agents = new TreeSet<>();
    Wait awaiting;

    /**
     * A customer message after a person had replied, waiting for the next reply: {@code repliedAt} null while it
     * waits; {@code breached} when the next-reply SLA was breached while it waited.
     */
    public static final class Wait {
        final Instant since;
        Instant repliedAt;
        boolean breached;

        Wait(Instant since) {
            this.since = since;
        }

        public Instant since() {
            return since;
        }

        public Instant repliedAt() {
            return repliedAt;
        }

        public boolean breached() {
            return breached;
        }
    }

    Episode(Instant start, boolean reopened) {
        this.start = start;
        this.reopened = reopened;
    }

    public Instant start() {
        return start;
    }

    /** A customer wrote after it was solved: the same conversation, reopened. */
    public boolean reopened() {
        return reopened;
    }

    /** When a person was first asked for (handoff, queueing or assignment); the clock of first response. */
    public Instant humanRequestedAt() {
        return humanRequestedAt;
    }

    public Instant queuedAt() {
        return queuedAt;
    }

    public Instant assignedAt() {
        return assignedAt;
    }

    public Instant firstHumanReplyAt() {
        return firstHumanReplyAt;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public boolean botAnswered() {
        return botAnswered;
    }

    public int transfers() {
        return transfers;
    }

    public String team() {
        return team;
    }

    public List<String> handoffReasons() {
        return handoffReasons;
    }

    /** Every wait for a next reply in the episode, in time order. */
    public List<Wait> nextReplyWaits() {
        return nextReplyWaits;
    }

    /** When a ticket was created for the episode (its resolution clock); null without one. */
    public Instant ticketAt() {
        return ticketAt;
    }

    /** The people who held or answered the episode: assignees, transfer targets and agents who replied. */
    public Set<String> agents() {
        return agents;
    }

    /**
     * The SLA policy (priority wire name) the episode was served with: the one its breaches name, else its ticket's
     * priority, else its queue's, else normal, as the ticket service picks it.
     */
    public String slaPolicy() {
        if (breachedPolicy != null) {
            return breachedPolicy;
        }
        return Priorities.wireName(ticketPriority != null ? ticketPriority
                : queuePriority != null ? queuePriority : Priority.NORMAL);
    }

    public Set<SlaMetric> breaches() {
        return breaches;
    }

    public boolean humanInvolved() {
        return humanRequestedAt != null || firstHumanReplyAt != null;
    }

    /** Wall-clock first response: from the request for a person to the first person's reply; bot time never counts. */
    public Duration firstResponse() {
        return humanRequestedAt == null || firstHumanReplyAt == null ? null
                : Duration.between(humanRequestedAt, firstHumanReplyAt);
    }

    public Duration resolution() {
        return resolvedAt == null ? null : Duration.between(start, resolvedAt);
    }

    /** Queued, then resolved or closed before anyone replied: the customer stopped waiting. */
    public boolean abandoned() {
        return queuedAt != null && firstHumanReplyAt == null && resolvedAt != null;
    }

    /** Handled by the bot alone: it answered, and no person was asked for or wrote. */
    public boolean botOnly() {
        return botAnswered && !humanInvolved();
    }
}
