package io.parley.routing.team;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What happens to an agent's conversations when the agent goes offline. */
public enum OfflinePolicy {
    /** Back to the team: to another agent now, or to the head of the waiting queue. */
    @JsonProperty("requeue") REQUEUE,
    /** The agent keeps them and answers when back. */
    @JsonProperty("keep") KEEP
}
