package io.parley.routing.work;

import io.parley.events.Event;
import io.parley.events.agent.AgentEvent;
import io.parley.events.conversation.ConversationEvent.Assigned;
import io.parley.events.conversation.ConversationEvent.BotAnswered;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.conversation.ConversationEvent.StatusChanged;
import io.parley.events.conversation.ConversationEvent.Transferred;
import io.parley.events.workspace.WorkspaceEvent.TeamDeleted;
import io.parley.events.workspace.WorkspaceEvent.TeamSaved;
import io.parley.routing.decider.TenantRouter;

/**
 * Which logged events the decider needs: agents' changes, teams saved or deleted in the workspace (not its hours or
 * channels), and what moves a conversation to, between or off people.
 */
final class RoutingRelevance {

    private RoutingRelevance() {
    }

    static boolean matters(Event event) {
        // routing's own decisions: the decider knows them already
        if (TenantRouter.SOURCE.equals(event.source())) {
            return false;
        }
        Object data = event.data();
        return data instanceof AgentEvent || data instanceof TeamSaved || data instanceof TeamDeleted
                || data instanceof MessageReceived || data instanceof BotAnswered
                || data instanceof HandoffRequested || data instanceof Assigned || data instanceof Transferred
                || data instanceof StatusChanged;
    }
}
