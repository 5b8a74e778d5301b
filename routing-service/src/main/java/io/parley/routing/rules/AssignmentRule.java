package io.parley.routing.rules;

import io.parley.events.conversation.ConversationEvent.Priority;
import java.util.List;
import java.util.Objects;

/** If {@code when} matches, the conversation goes to {@code team} with {@code priority}, to agents with the skills. */
public record AssignmentRule(String id, RuleCondition when, String team, Priority priority,
        List<String> requiredSkills) {

    public AssignmentRule {
        if (id == null || id.isBlank() || team == null || team.isBlank()) {
            throw new IllegalArgumentException("an assignment rule needs an id and a target team");
        }
        when = Objects.requireNonNullElse(when, RuleCondition.ALWAYS);
        priority = Objects.requireNonNullElse(priority, Priority.NORMAL);
        requiredSkills = requiredSkills == null ? List.of() : List.copyOf(requiredSkills);
    }
}
