package io.parley.edge.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN while any consumer of the service is retrying a record because a dependency is unavailable, so that the
 * platform sends no new work here until it is back; names each such record and what it met.
 */
@Readiness
@ApplicationScoped
public class ConsumerReadiness implements HealthCheck {

    private final Map<String, String> retrying = new ConcurrentHashMap<>();

    void retrying(ConsumerRecord<?, ?> record, Throwable failure) {
        retrying.put(RecordCoordinates.of(record), String.valueOf(failure));
    }

    void settled(ConsumerRecord<?, ?> record) {
        retrying.remove(RecordCoordinates.of(record));
    }

    /** Whether no consumer is waiting for a dependency. */
    public boolean isUp() {
        return retrying.isEmpty();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("consumers").status(isUp());
        retrying.forEach((record, failure) -> response.withData("retrying " + record, failure));
        return response.build();
    }
}
