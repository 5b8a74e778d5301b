package io.parley.routing.team;

import io.parley.events.workspace.WorkspaceEvent.TeamSaved;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** A team's routing settings. Teams exist as soon as an agent names them; settings default to balanced + requeue. */
public record Team(String id, Strategy strategy, OfflinePolicy offlinePolicy) {

    public static final Strategy DEFAULT_STRATEGY = Strategy.BALANCED;
    public static final OfflinePolicy DEFAULT_OFFLINE_POLICY = OfflinePolicy.REQUEUE;

    private static final System.Logger LOG = System.getLogger(Team.class.getName());

    public Team {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a team needs an id");
        }
        strategy = Objects.requireNonNullElse(strategy, DEFAULT_STRATEGY);
        offlinePolicy = Objects.requireNonNullElse(offlinePolicy, DEFAULT_OFFLINE_POLICY);
    }

    public static Team withDefaults(String id) {
        return new Team(id, DEFAULT_STRATEGY, DEFAULT_OFFLINE_POLICY);
    }

    /**
     * The routing settings of a team saved in the tenant's workspace. A strategy or offline policy routing does not
     * know (written by a newer API, say) falls back to the default with a warning rather than failing: the decider
     * must go on deciding for the tenant whatever one record says.
     */
    public static Team fromWorkspace(String tenant, TeamSaved saved) {
        return new Team(saved.teamId(),
                known(tenant, saved, "strategy", saved.strategy(), Strategy::ofWireName, DEFAULT_STRATEGY.wireName()),
                known(tenant, saved, "offlinePolicy", saved.offlinePolicy(), OfflinePolicy::ofWireName,
                        DEFAULT_OFFLINE_POLICY.wireName()));
    }

    /** The setting of a wire name; null (the default) when it is absent or unknown. */
    private static <T> T known(String tenant, TeamSaved saved, String setting, String wireName,
            Function<String, Optional<T>> byWireName, String defaultName) {
        if (wireName == null) {
            return null;
        }
        Optional<T> known = byWireName.apply(wireName);
        if (known.isEmpty()) {
            LOG.log(Level.WARNING, "tenant {0}, team {1}: unknown {2} \"{3}\" (saved by {4}); routing by the default "
                    + "\"{5}\"", tenant, saved.teamId(), setting, wireName, saved.changedBy(), defaultName);
        }
        return known.orElse(null);
    }
}
