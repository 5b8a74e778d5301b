package io.parley.ticket.viewers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who has which conversation open, from the agents' heartbeats: an agent counts as viewing from their first heartbeat
 * until they close it or their heartbeats stop for {@link #ttl}. Only changes of a conversation's set of viewers are
 * announced; a repeated heartbeat just keeps the agent in it. Memory is bounded by the open consoles: a conversation
 * nobody views any more is forgotten.
 */
public final class Viewers {

    /** An agent viewing a conversation since their first heartbeat, last heard of at {@code lastSeen}. */
    public record Viewer(String agentId, Instant since, Instant lastSeen) {
    }

    /** A conversation's viewers after a change (empty when the last one left). */
    public record Change(String tenant, String conversationId, List<Viewer> viewers) {
    }

    private record Key(String tenant, String conversationId) {
    }

    private final Duration ttl;
    private final Map<Key, Map<String, Viewer>> open = new HashMap<>();

    public Viewers(Duration ttl) {
        this.ttl = Objects.requireNonNull(ttl);
    }

    /** A heartbeat ({@code viewing}) or a close heard at {@code at}; the change it makes, if any. */
    public synchronized Optional<Change> heard(String tenant, String conversationId, String agentId, boolean viewing,
            Instant at) {
        Key key = new Key(tenant, conversationId);
        Map<String, Viewer> agents = open.get(key);
        Viewer known = agents == null ? null : agents.get(agentId);
        if (!viewing) {
            if (known == null) {
                return Optional.empty();
            }
            agents.remove(agentId);
            return Optional.of(changeOf(key));
        }
        if (known != null) {
            agents.put(agentId, new Viewer(agentId, known.since(), later(known.lastSeen(), at)));
            return Optional.empty();
        }
        open.computeIfAbsent(key, ignored -> new LinkedHashMap<>()).put(agentId, new Viewer(agentId, at, at));
        return Optional.of(changeOf(key));
    }

    /** Drops the viewers not heard of for longer than the ttl; the changes that makes. */
    public synchronized List<Change> expire(Instant now) {
        Instant cutoff = now.minus(ttl);
        List<Change> changes = new ArrayList<>();
        for (Key key : List.copyOf(open.keySet())) {
            Map<String, Viewer> agents = open.get(key);
            boolean changed = false;
            for (Iterator<Viewer> it = agents.values().iterator(); it.hasNext(); ) {
                if (it.next().lastSeen().isBefore(cutoff)) {
                    it.remove();
                    changed = true;
                }
            }
            if (changed) {
                changes.add(changeOf(key));
            }
        }
        return changes;
    }

    /** The conversation's viewers now, those who opened it first first. */
    public synchronized List<Viewer> of(String tenant, String conversationId, Instant now) {
        Instant cutoff = now.minus(ttl);
        Map<String, Viewer> agents = open.getOrDefault(new Key(tenant, conversationId), Map.of());
        return agents.values().stream().filter(viewer -> !viewer.lastSeen().isBefore(cutoff)).sorted(ORDER).toList();
    }

    public Duration ttl() {
        return ttl;
    }

    private static final Comparator<Viewer> ORDER = Comparator.comparing(Viewer::since).thenComparing(Viewer::agentId);

    private Change changeOf(Key key) {
        Map<String, Viewer> agents = open.get(key);
        List<Viewer> now = agents.values().stream().sorted(ORDER).toList();
        if (agents.isEmpty()) {
            open.remove(key);
        }
        return new Change(key.tenant(), key.conversationId(), now);
    }

    private static Instant later(Instant a, Instant b) {
        return b.isAfter(a) ? b : a;
    }
}
