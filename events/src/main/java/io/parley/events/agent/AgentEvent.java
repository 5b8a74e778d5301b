package io.parley.events.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.parley.events.EventData;
import java.util.List;
import java.util.Map;

/** The events of the {@code agent-events} stream, keyed by agent id and written by the agent gateway. */
public sealed interface AgentEvent extends EventData {

    String agentId();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PresenceChanged(String agentId, Presence presence) implements AgentEvent {
    }

    enum Presence {
        @JsonProperty("online") ONLINE,
        @JsonProperty("away") AWAY,
        @JsonProperty("offline") OFFLINE
    }

    /**
     * The agent's whole profile after a change (last one wins): teams, skills, languages and the maximum number of
     * concurrent conversations per channel ({@code "*"} for any channel without its own figure); for the workspace
     * also their email, role ({@code agent} or {@code admin}), whether they are active (a deactivated agent keeps their
     * history but takes no conversations) and the administrator who made the change. Events written before those
     * fields existed read as an active agent.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ProfileUpdated(
            String agentId,
            String displayName,
            List<String> teams,
            List<String> skills,
            List<String> languages,
            Map<String, Integer> capacity,
            String email,
            String role,
            Boolean active,
            String changedBy) implements AgentEvent {
        public ProfileUpdated {
            teams = teams == null ? List.of() : List.copyOf(teams);
            skills = skills == null ? List.of() : List.copyOf(skills);
            languages = languages == null ? List.of() : List.copyOf(languages);
            capacity = capacity == null ? Map.of() : Map.copyOf(capacity);
        }

        /** A routing profile alone, without the workspace fields (tests and benchmarks that need no more). */
        public ProfileUpdated(String agentId, String displayName, List<String> teams, List<String> skills,
                List<String> languages, Map<String, Integer> capacity) {
            this(agentId, displayName, teams, skills, languages, capacity, null, null, null, null);
        }

        public boolean isActive() {
            return active == null || active;
        }
    }
}
