package io.parley.ingest.workspace;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.events.Topics;
import io.parley.events.kafka.LogFollower;
import io.parley.ingest.channel.ChannelDirectory;
import io.parley.ingest.channel.LiveChannelRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Follows {@code workspace-events} from the beginning into the {@link LiveChannelRegistry}, so channel accounts
 * added, changed or disabled in the workspace apply within a poll, on every instance, and survive restarts. The
 * service starts at once and is ready ({@link WorkspaceReadiness}) only when everything that was in the topic at start
 * has been applied.
 */
@ApplicationScoped
public class WorkspaceFollower {

    private final LiveChannelRegistry registry;
    private final String bootstrapServers;
    private volatile LogFollower follower;

    public WorkspaceFollower(LiveChannelRegistry registry, MeterRegistry meters,
                             @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.registry = registry;
        this.bootstrapServers = bootstrapServers;
        gauge(meters, "enabled", directory -> directory.workspaceAccounts(true));
        gauge(meters, "disabled", directory -> directory.workspaceAccounts(false));
        gauge(meters, "unusable", directory -> directory.unusableAccounts().size());
    }

    private void gauge(MeterRegistry meters, String state, ToDoubleFunction<ChannelDirectory> value) {
        Gauge.builder("parley.ingest.workspace.accounts", registry, live -> value.applyAsDouble(live.current()))
                .description("workspace channel accounts by state; unusable ones carry secrets this instance "
                        + "cannot open (parley.workspace.secret-key missing or another key)")
                .tag("state", state)
                .register(meters);
    }

    void start(@Observes StartupEvent startup) {
        // the follower waits for the topic and the broker on its own thread: they delay readiness, never the start
        follower = new LogFollower(bootstrapServers, List.of(Topics.WORKSPACE_EVENTS), "ingest-workspace-follower",
                registry::apply).start();
    }

    /** Whether everything that was in {@code workspace-events} when the follower started has been applied. */
    public boolean caughtUp() {
        LogFollower current = follower;
        return current != null && current.caughtUp();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (follower != null) {
            follower.close();
        }
    }
}
