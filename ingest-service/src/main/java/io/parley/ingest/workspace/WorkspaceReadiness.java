package io.parley.ingest.workspace;

import io.parley.events.Topics;
import io.parley.ingest.channel.ChannelDirectory;
import io.parley.ingest.channel.LiveChannelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the workspace's channel accounts as they were at start are applied: a restarted instance behind a load
 * balancer then never refuses a webhook for an account it is still reading. A readiness check, not a blocking start,
 * so a slow broker delays traffic but not the process.
 */
@Readiness
@ApplicationScoped
public class WorkspaceReadiness implements HealthCheck {

    private final WorkspaceFollower follower;
    private final LiveChannelRegistry registry;

    public WorkspaceReadiness(WorkspaceFollower follower, LiveChannelRegistry registry) {
        this.follower = follower;
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        ChannelDirectory directory = registry.current();
        return HealthCheckResponse.named("workspace channel accounts")
                .status(follower.caughtUp())
                .withData("topic", Topics.WORKSPACE_EVENTS)
                .withData("enabledAccounts", directory.workspaceAccounts(true))
                .withData("disabledAccounts", directory.workspaceAccounts(false))
                .withData("unusableAccounts", directory.unusableAccounts().size())
                .build();
    }
}
