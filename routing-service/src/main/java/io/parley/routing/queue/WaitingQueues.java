package io.parley.routing.queue;

import io.parley.routing.agent.Agent;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** A tenant's waiting queues, one per team, and which teams' queues moved since the last look. */
public final class WaitingQueues {

    private final Map<String, TeamQueue> byTeam = new HashMap<>();
    private final Map<String, QueueEntry> byConversation = new HashMap<>();
    private final Set<String> moved = new TreeSet<>();

    /** Every waiting conversation, by team and arrival: what a snapshot stores. */
    public List<QueueEntry.State> state() {
        return byConversation.values().stream().map(QueueEntry::state)
                .sorted(Comparator.comparing(QueueEntry.State::team).thenComparingLong(QueueEntry.State::seq))
                .toList();
    }

    /**
     * Queues a snapshot's conversations as they were; the queues must be empty. A snapshot is taken between two
     * facts, when no queue has moved unannounced, so none has after this either.
     */
    public void restore(List<QueueEntry.State> states) {
        states.forEach(state -> enqueue(QueueEntry.restore(state)));
        moved.clear();
    }

    /** Queues the entry and returns its position in its team's queue. */
    public int enqueue(QueueEntry entry) {
        remove(entry.conversationId());
        byConversation.put(entry.conversationId(), entry);
        moved.add(entry.team());
        return byTeam.computeIfAbsent(entry.team(), t -> new TeamQueue()).add(entry);
    }

    public Optional<QueueEntry> remove(String conversationId) {
        QueueEntry entry = byConversation.remove(conversationId);
        if (entry == null) {
            return Optional.empty();
        }
        byTeam.get(entry.team()).remove(entry);
        moved.add(entry.team());
        return Optional.of(entry);
    }

    public TeamQueue team(String team) {
        return byTeam.getOrDefault(team, new TeamQueue());
    }

    public Map<String, TeamQueue> all() {
        return Collections.unmodifiableMap(byTeam);
    }

    public int size() {
        return byConversation.size();
    }

    /** The best waiting conversation, over all the agent's teams, that the agent can take now. */
    public Optional<QueueEntry> bestFor(Agent agent) {
        QueueEntry best = null;
        for (String team : agent.teams()) {
            TeamQueue queue = byTeam.get(team);
            QueueEntry candidate = queue == null ? null : queue.bestFor(agent).orElse(null);
            if (candidate != null && (best == null || QueueEntry.ORDER.compare(candidate, best) < 0)) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Teams whose queue changed since the last call; clears the record. */
    public List<String> takeMoved() {
        List<String> teams = List.copyOf(moved);
        moved.clear();
        return teams;
    }
}
