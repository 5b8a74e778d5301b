package io.parley.events.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.events.EventData;

/**
 * Routing's own configuration facts, appended by routing's admin API to {@code routing-work} next to the events it
 * forwards there; key, subject and tenant are the tenant. The rule language and the contact profile are routing's
 * (docs/api.md, routing-service): JSON trees here, so that routing's model stays in routing and a field added to a rule
 * reaches the log without a new event version.
 */
public sealed interface RoutingEvent extends EventData {

    /**
     * Read only: a team's settings as routing's former team endpoint wrote them, before teams moved to the workspace
     * ({@code parley.workspace.team-saved.v1}); the work topic keeps such records forever and replays them.
     */
    record TeamConfigured(String id, String strategy, String offlinePolicy) implements RoutingEvent {
    }

    /** A tenant's assignment rules, replaced as a whole and tried in order; {@code triageTeam} takes the rest. */
    record RulesReplaced(JsonNode rules, String triageTeam) implements RoutingEvent {
    }

    /** What the rules may know of a conversation's customer (since when, company type, plan, products). */
    record ContactProfiled(String conversationId, JsonNode profile) implements RoutingEvent {
    }

    /** A tenant's routing settings; {@code botEnabled} false routes a new conversation's first message at once. */
    record SettingsChanged(Boolean botEnabled) implements RoutingEvent {
    }
}
