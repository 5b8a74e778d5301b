package io.parley.routing.work;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the forwarder and the decider poll the broker (routing decides nothing without them) and the read
 * replica has caught up with the work topic (reads before that would show a past state).
 */
@Readiness
@ApplicationScoped
public class RoutingReadiness implements HealthCheck {

    private final RoutingWorkers workers;

    RoutingReadiness(RoutingWorkers workers) {
        this.workers = workers;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("routing workers").status(workers.ready())
                .withData("replica-caught-up", workers.replicaCaughtUp())
                .build();
    }
}
