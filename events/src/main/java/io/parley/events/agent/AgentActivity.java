package io.parley.events.agent;

import io.parley.events.EventData;

/**
 * What agents are doing right now, on the short-lived {@code agent-activity} topic (keyed by agent id): not a record
 * of the workspace, only a hint for other agents, so it is kept an hour and never replayed.
 */
public sealed interface AgentActivity extends EventData {

    String agentId();

    /**
     * The agent has a conversation open in a console ({@code open}), repeated as a heartbeat while it stays open, or
     * closed it ({@code !open}). A reader counts an agent as viewing until a close or until the heartbeats stop.
     */
    record Viewing(String agentId, String conversationId, boolean open) implements AgentActivity {
    }
}
