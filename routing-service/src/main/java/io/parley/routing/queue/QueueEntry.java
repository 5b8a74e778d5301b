package io.parley.routing.queue;

import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.routing.agent.Requirement;
import java.time.Instant;
import java.util.Comparator;

/**
 * A conversation waiting for an agent. {@code seq} is the tenant's arrival counter (a re-queued conversation keeps
 * its original one, so it goes back near the head); {@code announcedPosition} is the last position told to the log.
 */
public final class QueueEntry {

    /** Higher priority first, then first come, first served. */
    public static final Comparator<QueueEntry> ORDER = Comparator
            .comparing((QueueEntry e) -> e.priority, Comparator.reverseOrder())
            .thenComparingLong(e -> e.seq);

    private final String conversationId;
    private final String team;
    private final Priority priority;
    private final long seq;
    private final Requirement requirement;
    private final Instant waitingSince;
    private int announcedPosition;

    /** A waiting conversation as plain values: what a snapshot stores. */
    public record State(String conversationId, String team, Priority priority, long seq, Requirement requirement,
                        Instant waitingSince, int announcedPosition) {
    }

    State state() {
        return new State(conversationId, team, priority, seq, requirement, waitingSince, announcedPosition);
    }

    static QueueEntry restore(State state) {
        QueueEntry entry = new QueueEntry(state.conversationId(), state.team(), state.priority(), state.seq(),
                state.requirement(), state.waitingSince());
        entry.announced(state.announcedPosition());
        return entry;
    }

    public QueueEntry(String conversationId, String team, Priority priority, long seq, Requirement requirement,
            Instant waitingSince) {
        this.conversationId = conversationId;
        this.team = team;
        this.priority = priority;
        this.seq = seq;
        this.requirement = requirement;
        this.waitingSince = waitingSince;
    }

    public String conversationId() {
        return conversationId;
    }

    public String team() {
        return team;
    }

    public Priority priority() {
        return priority;
    }

    public long seq() {
        return seq;
    }

    public Requirement requirement() {
        return requirement;
    }

    public Instant waitingSince() {
        return waitingSince;
    }

    public int announcedPosition() {
        return announcedPosition;
    }

    public void announced(int position) {
        announcedPosition = position;
    }
}
