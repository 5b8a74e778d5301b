package io.parley.routing.work;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the forwarder and the decider both poll the broker: routing decides nothing without them. */
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
                .withData("malformed-records-parked", workers.malformedRecordsParked())
                .build();
    }
}
