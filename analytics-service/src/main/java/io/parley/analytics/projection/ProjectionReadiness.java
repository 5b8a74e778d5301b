package io.parley.analytics.projection;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code analytics-projection}: DOWN while the projection waits for a dependency (PostgreSQL to load
 * or save its checkpoint, the broker), saying which; the figures it serves meanwhile are live but not yet saved.
 */
@Readiness
@ApplicationScoped
public class ProjectionReadiness implements HealthCheck {

    private final AnalyticsRuntime runtime;

    public ProjectionReadiness(AnalyticsRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public HealthCheckResponse call() {
        String waitingFor = runtime.follower().waitingFor();
        return waitingFor == null ? HealthCheckResponse.up("analytics-projection")
                : HealthCheckResponse.named("analytics-projection").down().withData("waiting for", waitingFor).build();
    }
}
