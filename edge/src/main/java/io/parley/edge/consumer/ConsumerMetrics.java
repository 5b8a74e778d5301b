package io.parley.edge.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The consumers' counters on {@code /q/metrics}: {@code parley_consumer_retries_total{service,topic}} (attempts that
 * met an unavailable dependency) and {@code parley_dead_letters_total{service,topic,reason}} (records parked).
 */
@ApplicationScoped
public class ConsumerMetrics {

    private final MeterRegistry registry;

    public ConsumerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void retried(String service, String topic) {
        registry.counter("parley.consumer.retries", "service", service, "topic", topic).increment();
    }

    void parked(String service, String topic, ParkReason reason) {
        registry.counter("parley.dead.letters", "service", service, "topic", topic, "reason", reason.tag())
                .increment();
    }
}
