package io.parley.devstack.chaos;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The fault scenarios of {@code parley chaos} (issue 18 §2), each simulated traffic with a fault in it or in the
 * traffic itself.
 */
enum Scenario {

    DUPLICATES("duplicates", "every webhook five times at once, and once more later in the run"),
    BAD_SIGNATURES("bad-signatures", "forged webhooks (wrong, missing, non-ASCII signature or bearer) among valid ones"),
    KILL_INSTANCE("kill-instance", "kill -9 of one instance of each service mid-stream, each restarted after"),
    KILL_LEADER("kill-leader", "kill -9 of the broker leading a conversation-events partition, restarted after"),
    POISON_GRAPH("poison-graph", "unreadable records in conversation-events, and the Graph API refusing sends with 429,"
            + " answering 500 and holding sends past ingest's timeout"),
    BURSTS("bursts", "contacts writing 1-20 messages in a row: one conversation each, replies in order"),
    POSTGRES_DOWN("postgres-down", "PostgreSQL unreachable for --outage (every connection reset by a proxy)"),
    REBALANCE("rebalance", "an instance of bot and of ingest added to their consumer groups, then stopped, under traffic"),
    REBUILD("rebuild", "the ticket projection rebuilt from offset 0 under traffic; then the same state hash as a"
            + " rebuild at rest"),
    PEAK("peak", "ten times the rate for the whole run; the backlog drains (recovery_s is the drain)");

    private final String wireName;
    private final String description;

    Scenario(String wireName, String description) {
        this.wireName = wireName;
        this.description = description;
    }

    String wireName() {
        return wireName;
    }

    String description() {
        return description;
    }

    static Optional<Scenario> named(String name) {
        return Arrays.stream(values()).filter(scenario -> scenario.wireName.equals(name)).findFirst();
    }

    static List<Scenario> all() {
        return List.of(values());
    }

    static String names() {
        return Arrays.stream(values()).map(Scenario::wireName).collect(Collectors.joining(", "));
    }
}
