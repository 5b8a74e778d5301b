package io.parley.routing.rules;

import io.parley.events.conversation.ConversationEvent.Priority;
import java.util.List;

/** Where a conversation goes: a team, with a priority and the skills its agent needs; ruleId null for triage. */
public record RoutingTarget(String team, Priority priority, List<String> requiredSkills, String ruleId) {
}
