package io.parley.routing.work;

import io.parley.events.Event;
import io.parley.events.Topics;
import io.parley.events.envelope.EventCodec;
import io.parley.routing.decider.Fact;
import io.parley.routing.decider.TenantRouter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Runs the forwarder and the decider for the application's lifetime, and appends admin facts for the API. */
@ApplicationScoped
public class RoutingWorkers {

    private final KafkaClients clients;
    private KafkaProducer<String, byte[]> producer;
    private FactForwarder forwarder;
    private volatile DeciderWorker decider;

    RoutingWorkers(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.clients = new KafkaClients(bootstrapServers);
    }

    void start(@Observes StartupEvent startup) {
        producer = clients.producer();
        forwarder = new FactForwarder(clients, producer);
        decider = new DeciderWorker(clients, producer, DeciderWorker.GROUP, "routing-decider");
        forwarder.start();
        decider.start();
    }

    /** Stops the decider and starts a new one, which rebuilds its state as after a process restart. */
    void restartDecider() {
        decider.stop();
        decider = new DeciderWorker(clients, producer, DeciderWorker.GROUP, "routing-decider");
        decider.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        forwarder.stop();
        decider.stop();
        producer.close();
    }

    /** Both loops poll the broker and neither is failing. */
    public boolean ready() {
        return forwarder != null && forwarder.isPolling() && decider != null && decider.isPolling();
    }

    long malformedRecordsParked() {
        return forwarder == null ? 0 : forwarder.malformed();
    }

    /** Appends a configuration fact to the tenant's work partition; returns once Kafka acknowledged it. */
    public void append(Fact fact) {
        await(new ProducerRecord<>(Topics.ROUTING_WORK, fact.tenant(), WorkCodec.encode(fact)));
    }

    /** Appends an event to its log (agent profile changes made through the admin API go to agent-events). */
    public void appendToLog(String topic, Event event) {
        await(new ProducerRecord<>(topic, event.subject(), EventCodec.encode(event)));
    }

    /** Reads a tenant's routing state, if this instance decides for the tenant. */
    public <T> Optional<T> read(String tenant, Function<TenantRouter, T> reader) {
        return decider.read(tenant, reader);
    }

    private void await(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while appending to " + record.topic(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not accept the record for " + record.topic()
                    + ": " + e.getCause().getMessage() + "; retry the request", e.getCause());
        }
    }
}
