package io.parley.routing.team;

import java.util.Objects;

/** A team's routing settings. Teams exist as soon as an agent names them; settings default to balanced + requeue. */
public record Team(String id, Strategy strategy, OfflinePolicy offlinePolicy) {

    public Team {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a team needs an id");
        }
        strategy = Objects.requireNonNullElse(strategy, Strategy.BALANCED);
        offlinePolicy = Objects.requireNonNullElse(offlinePolicy, OfflinePolicy.REQUEUE);
    }

    public static Team withDefaults(String id) {
        return new Team(id, Strategy.BALANCED, OfflinePolicy.REQUEUE);
    }
}
