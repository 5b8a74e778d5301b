package io.parley.ticket.workspace.admin;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready before the workspace log is folded up to where it stood at start: admin reads and SLA hours need it. */
@Readiness
@ApplicationScoped
public class WorkspaceReadiness implements HealthCheck {

    private final WorkspaceLog log;

    WorkspaceReadiness(WorkspaceLog log) {
        this.log = log;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("workspace-log").status(log.caughtUp()).build();
    }
}
