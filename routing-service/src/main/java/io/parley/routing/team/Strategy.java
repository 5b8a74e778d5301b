package io.parley.routing.team;

import com.fasterxml.jackson.annotation.JsonValue;
import io.parley.routing.agent.Agent;
import io.parley.routing.agent.Requirement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.NavigableMap;
import java.util.Optional;

/** How a team chooses among its online agents who have free capacity and offer the skills and language. */
public enum Strategy {

    /** Lowest load relative to capacity; ties go to whoever waited longest since an assignment, then by id. */
    BALANCED("balanced") {
        @Override
        Optional<Agent> pick(NavigableMap<String, Agent> onlineMembers, Requirement requirement, String lastPicked) {
            Agent best = null;
            for (Agent agent : onlineMembers.values()) {
                if (agent.canTake(requirement) && (best == null || compareBalance(agent, best, requirement) < 0)) {
                    best = agent;
                }
            }
            return Optional.ofNullable(best);
        }
    },

    /** The next eligible agent after the one picked last, in id order, wrapping around. */
    ROUND_ROBIN("round-robin") {
        @Override
        Optional<Agent> pick(NavigableMap<String, Agent> onlineMembers, Requirement requirement, String lastPicked) {
            Iterable<Agent> after = lastPicked == null ? onlineMembers.values()
                    : onlineMembers.tailMap(lastPicked, false).values();
            for (Agent agent : after) {
                if (agent.canTake(requirement)) {
                    return Optional.of(agent);
                }
            }
            if (lastPicked != null) {
                for (Agent agent : onlineMembers.headMap(lastPicked, true).values()) {
                    if (agent.canTake(requirement)) {
                        return Optional.of(agent);
                    }
                }
            }
            return Optional.empty();
        }
    };

    private static final Comparator<Instant> NEVER_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    private final String wireName;

    Strategy(String wireName) {
        this.wireName = wireName;
    }

    /** The name in events and JSON (both ways: Jackson reads and writes it): {@code balanced}, {@code round-robin}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The strategy of a wire name; empty for a name routing does not know. */
    public static Optional<Strategy> ofWireName(String name) {
        return Arrays.stream(values()).filter(strategy -> strategy.wireName.equals(name)).findFirst();
    }

    abstract Optional<Agent> pick(NavigableMap<String, Agent> onlineMembers, Requirement requirement, String lastPicked);

    private static int compareBalance(Agent a, Agent b, Requirement requirement) {
        int byLoad = Double.compare(a.loadRatio(requirement.channel()), b.loadRatio(requirement.channel()));
        if (byLoad != 0) {
            return byLoad;
        }
        int byWait = NEVER_FIRST.compare(a.lastAssignedAt(), b.lastAssignedAt());
        return byWait != 0 ? byWait : a.id().compareTo(b.id());
    }
}
