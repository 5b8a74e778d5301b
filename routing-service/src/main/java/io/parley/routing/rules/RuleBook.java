package io.parley.routing.rules;

import io.parley.events.conversation.ConversationEvent.Priority;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A tenant's assignment rules, tried in order; the first that matches decides, none means the triage team. */
public record RuleBook(List<AssignmentRule> rules, String triageTeam) {

    public static final String DEFAULT_TRIAGE_TEAM = "triage";
    public static final RuleBook EMPTY = new RuleBook(List.of(), DEFAULT_TRIAGE_TEAM);

    public RuleBook {
        rules = rules == null ? List.of() : List.copyOf(rules);
        triageTeam = triageTeam == null || triageTeam.isBlank() ? DEFAULT_TRIAGE_TEAM : triageTeam;
        Set<String> ids = new HashSet<>();
        for (AssignmentRule rule : rules) {
            if (!ids.add(rule.id())) {
                throw new IllegalArgumentException("rule id '" + rule.id() + "' is used twice: rule ids must be unique");
            }
        }
    }

    /** The target for a conversation; {@code handoffSkills} (asked for by the bot) are added to the rule's. */
    public RoutingTarget route(RoutingContext context, List<String> handoffSkills) {
        for (AssignmentRule rule : rules) {
            if (rule.when().matches(context)) {
                return new RoutingTarget(rule.team(), rule.priority(), union(rule.requiredSkills(), handoffSkills),
                        rule.id());
            }
        }
        return new RoutingTarget(triageTeam, Priority.NORMAL, List.copyOf(handoffSkills), null);
    }

    private static List<String> union(List<String> a, List<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
