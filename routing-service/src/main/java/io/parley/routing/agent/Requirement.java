package io.parley.routing.agent;

import io.parley.events.Channel;
import io.parley.routing.rules.RuleCondition;
import java.util.Collection;
import java.util.Set;

/**
 * What an agent must offer to take a conversation: capacity on its channel, its language (primary subtag, null if
 * unknown: anyone) and every required skill. Also the key of the waiting-queue buckets, so it is a value object.
 */
public record Requirement(Channel channel, String language, Set<String> skills) {

    public Requirement {
        language = RuleCondition.language(language);
        skills = Set.copyOf(skills);
    }

    public static Requirement of(Channel channel, String language, Collection<String> skills) {
        return new Requirement(channel, language, Set.copyOf(skills));
    }
}
