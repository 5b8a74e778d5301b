package io.parley.routing.team;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** What happens to an agent's conversations when the agent goes offline (or is deactivated). */
public enum OfflinePolicy {
    /** Back to the team: to another agent now, or to the head of the waiting queue. */
    REQUEUE("requeue"),
    /** The agent keeps them and answers when back. */
    KEEP("keep");

    private final String wireName;

    OfflinePolicy(String wireName) {
        this.wireName = wireName;
    }

    /** The name in events and JSON (both ways: Jackson reads and writes it): {@code requeue}, {@code keep}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The policy of a wire name; empty for a name routing does not know. */
    public static Optional<OfflinePolicy> ofWireName(String name) {
        return Arrays.stream(values()).filter(policy -> policy.wireName.equals(name)).findFirst();
    }
}
