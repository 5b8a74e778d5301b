package io.parley.analytics.figures;

import io.parley.events.Event;
import io.parley.events.agent.AgentEvent.Presence;
import io.parley.events.agent.AgentEvent.PresenceChanged;
import io.parley.events.state.Stamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** An agent's presence changes in {@code (time, id)} order, unique by id: where they stand now and for how long. */
public final class AgentTimeline {

    private final String agentId;
    private final TreeMap<Stamp, Event> changes = new TreeMap<>();
    private final Set<String> ids = new HashSet<>();

    public AgentTimeline(String agentId) {
        this.agentId = agentId;
    }

    public String agentId() {
        return agentId;
    }

    public boolean add(Event event) {
        if (!(event.data() instanceof PresenceChanged) || !ids.add(event.id())) {
            return false;
        }
        changes.put(new Stamp(event.time(), event.id()), event);
        return true;
    }

    public Collection<Event> events() {
        return Collections.unmodifiableCollection(changes.values());
    }

    /** The presence at the latest change; offline when none is known. */
    public Presence presence() {
        return changes.isEmpty() ? Presence.OFFLINE : presenceOf(changes.lastEntry().getValue());
    }

    /** Time spent in each presence within the period, counting up to {@code now} at most. */
    public Map<Presence, Duration> durations(Period period, Instant now) {
        Map<Presence, Duration> spent = new java.util.EnumMap<>(Presence.class);
        Instant end = now.isBefore(period.to()) ? now : period.to();
        Event previous = null;
        for (Event change : changes.values()) {
            if (previous != null) {
                add(spent, presenceOf(previous), previous.time(), change.time(), period.from(), end);
            }
            previous = change;
        }
        if (previous != null) {
            add(spent, presenceOf(previous), previous.time(), end, period.from(), end);
        }
        return spent;
    }

    private static void add(Map<Presence, Duration> spent, Presence presence, Instant from, Instant to,
            Instant windowFrom, Instant windowTo) {
        Instant start = from.isAfter(windowFrom) ? from : windowFrom;
        Instant stop = to.isBefore(windowTo) ? to : windowTo;
        if (start.isBefore(stop)) {
            spent.merge(presence, Duration.between(start, stop), Duration::plus);
        }
    }

    private static Presence presenceOf(Event change) {
        Presence presence = ((PresenceChanged) change.data()).presence();
        return presence == null ? Presence.OFFLINE : presence;
    }
}
