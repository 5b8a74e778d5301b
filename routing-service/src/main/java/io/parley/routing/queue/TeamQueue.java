package io.parley.routing.queue;

import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.routing.agent.Agent;
import io.parley.routing.agent.Requirement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One team's waiting queue. Ordered per priority for positions, and bucketed by {@link Requirement} so that finding
 * the best conversation an agent can take looks at one head per kind of requirement, not at every waiting one.
 */
public final class TeamQueue {

    private static final Comparator<QueueEntry> BY_SEQ = Comparator.comparingLong(QueueEntry::seq);
    private static final NavigableSet<QueueEntry> EMPTY = new TreeSet<>(BY_SEQ);
    private static final Priority[] HIGHEST_FIRST = {Priority.URGENT, Priority.HIGH, Priority.NORMAL, Priority.LOW};

    private final Map<Priority, NavigableSet<QueueEntry>> byPriority = new EnumMap<>(Priority.class);
    private final Map<Requirement, NavigableSet<QueueEntry>> byRequirement = new HashMap<>();
    private int size;

    /** Adds the entry and returns its position (1 = next). */
    int add(QueueEntry entry) {
        byPriority.computeIfAbsent(entry.priority(), p -> new TreeSet<>(BY_SEQ)).add(entry);
        byRequirement.computeIfAbsent(entry.requirement(), r -> new TreeSet<>(QueueEntry.ORDER)).add(entry);
        size++;
        return positionOf(entry);
    }

    void remove(QueueEntry entry) {
        NavigableSet<QueueEntry> level = byPriority.get(entry.priority());
        if (level == null || !level.remove(entry)) {
            return;
        }
        NavigableSet<QueueEntry> bucket = byRequirement.get(entry.requirement());
        bucket.remove(entry);
        if (bucket.isEmpty()) {
            byRequirement.remove(entry.requirement());
        }
        size--;
    }

    public int size() {
        return size;
    }

    /** Position of a waiting entry: everyone of higher priority, then those of its priority who came earlier. */
    public int positionOf(QueueEntry entry) {
        int ahead = 0;
        for (Priority priority : HIGHEST_FIRST) {
            NavigableSet<QueueEntry> level = byPriority.get(priority);
            if (priority == entry.priority()) {
                boolean last = level.last() == entry;
                return ahead + (last ? level.size() : level.headSet(entry, true).size());
            }
            ahead += level == null ? 0 : level.size();
        }
        throw new IllegalStateException("priority " + entry.priority() + " is not one of " + List.of(HIGHEST_FIRST));
    }

    /** The first {@code limit} entries in queue order. */
    public List<QueueEntry> head(int limit) {
        List<QueueEntry> head = new ArrayList<>(Math.min(limit, size));
        for (Priority priority : HIGHEST_FIRST) {
            for (QueueEntry entry : byPriority.getOrDefault(priority, EMPTY)) {
                if (head.size() == limit) {
                    return head;
                }
                head.add(entry);
            }
        }
        return head;
    }

    /** The conversation this agent should take next from this queue, if any fits the agent now. */
    Optional<QueueEntry> bestFor(Agent agent) {
        QueueEntry best = null;
        for (Map.Entry<Requirement, NavigableSet<QueueEntry>> bucket : byRequirement.entrySet()) {
            if (agent.canTake(bucket.getKey())) {
                QueueEntry head = bucket.getValue().first();
                if (best == null || QueueEntry.ORDER.compare(head, best) < 0) {
                    best = head;
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
