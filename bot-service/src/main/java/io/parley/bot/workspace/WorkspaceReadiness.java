package io.parley.bot.workspace;

import io.parley.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the business hours that were on the log at the start have been read: before that the bot would
 * hand off after hours as if people were there.
 */
@Readiness
@ApplicationScoped
public class WorkspaceReadiness implements HealthCheck {

    private final BotWorkspaces workspaces;

    public WorkspaceReadiness(BotWorkspaces workspaces) {
        this.workspaces = workspaces;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(Topics.WORKSPACE_EVENTS).status(workspaces.caughtUp())
                .withData("caughtUp", workspaces.caughtUp()).build();
    }
}
