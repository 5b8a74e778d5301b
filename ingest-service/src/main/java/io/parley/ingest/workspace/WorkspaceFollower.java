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
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Follows {@code workspace-events} from the beginning into the {@link LiveChannelRegistry}, so channel accounts
 * added, changed or disabled in the workspace apply within a poll, on every instance, and survive restarts. The
 * service starts at once and is ready ({@link WorkspaceReadiness}) only when everything that was in the topic at start
 * has been applied.
 */
@ApplicationScoped
public class WorkspaceFollower {

    private static final Logger LOG = Logger.getLogger(WorkspaceFollower.class);
    private static final long TOPIC_RETRY_MILLIS = 1000;

    private final LiveChannelRegistry registry;
    private final String bootstrapServers;
    private volatile LogFollower follower;
    private volatile boolean running = true;
    private Thread starter;

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
        // off the start-up thread: a slow or absent broker delays readiness, never the start
        starter = new Thread(this::follow, "ingest-workspace-start");
        starter.setDaemon(true);
        starter.start();
    }

    /**
     * Waits until the topic can be described, then follows it. The follower itself gives up when the broker is
     * unreachable while it lists partitions, and spins while the topic does not exist; both are avoided by waiting
     * here first.
     */
    private void follow() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "ingest-workspace-start");
        try (Admin admin = Admin.create(config)) {
            boolean reported = false;
            while (running) {
                try {
                    admin.describeTopics(List.of(Topics.WORKSPACE_EVENTS)).allTopicNames()
                            .get(TOPIC_RETRY_MILLIS * 5, TimeUnit.MILLISECONDS);
                    break;
                } catch (ExecutionException | TimeoutException e) {
                    if (!reported) {
                        LOG.warnf("cannot read %s yet (%s); ingest is not ready until it can, retrying",
                                Topics.WORKSPACE_EVENTS, e.getCause() == null ? e : e.getCause().getMessage());
                        reported = true;
                    }
                    Thread.sleep(TOPIC_RETRY_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (this) {
            if (running) {
                follower = new LogFollower(bootstrapServers, List.of(Topics.WORKSPACE_EVENTS),
                        "ingest-workspace-follower", registry::apply).start();
            }
        }
    }

    /** Whether everything that was in {@code workspace-events} when the follower started has been applied. */
    public boolean caughtUp() {
        LogFollower current = follower;
        return current != null && current.caughtUp();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        synchronized (this) {
            running = false;
        }
        if (starter != null) {
            starter.interrupt();
        }
        LogFollower current = follower;
        if (current != null) {
            current.close();
        }
    }
}
