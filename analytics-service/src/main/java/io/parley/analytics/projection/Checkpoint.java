package io.parley.analytics.projection;

import io.parley.events.Event;
import java.util.List;
import java.util.Map;

/**
 * What survives a restart: every tenant's kept events, and the log positions they cover. Saved in one
 * transaction, so the positions never run ahead of the figures (nothing lost) and never fall behind them by more than
 * what the fold ignores as already applied (nothing counted twice).
 */
public record Checkpoint(Map<String, List<Event>> tenants, Map<String, Long> positions) {

    public static final Checkpoint EMPTY = new Checkpoint(Map.of(), Map.of());

    /** The key of a partition in {@link #positions}: {@code topic:partition}. */
    public static String key(String topic, int partition) {
        return topic + ":" + partition;
    }

    /** Where checkpoints are kept. */
    public interface Store {
        Checkpoint load() throws Exception;

        /** Saves the given tenants (the others are unchanged) with the positions, atomically. */
        void save(Map<String, List<Event>> tenants, Map<String, Long> positions) throws Exception;
    }
}
