package io.parley.routing.work;

import io.parley.edge.consumer.RecordProcessor;
import io.parley.events.Topics;
import io.parley.routing.decider.Fact;
import io.parley.routing.decider.TenantRouter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the forwarder, the decider and the read replica for the application's lifetime; appends admin facts for the
 * API and answers its reads from the replica.
 */
@ApplicationScoped
public class RoutingWorkers {

    private final KafkaClients clients;
    private final RecordProcessor processor;
    private final Duration snapshotEvery;
    private KafkaProducer<String, byte[]> producer;
    private FactForwarder forwarder;
    private volatile DeciderWorker decider;
    private ReadReplica replica;

    RoutingWorkers(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                   RecordProcessor processor,
                   @ConfigProperty(name = "parley.routing.snapshot-every", defaultValue = "5m") Duration snapshotEvery) {
        this.clients = new KafkaClients(bootstrapServers);
        this.processor = processor;
        this.snapshotEvery = snapshotEvery;
    }

    void start(@Observes StartupEvent startup) {
        producer = clients.producer();
        forwarder = new FactForwarder(clients, producer, processor);
        decider = newDecider();
        replica = new ReadReplica(clients, new RoutingSnapshots(clients, producer));
        forwarder.start();
        decider.start();
        replica.start();
    }

    /** Stops the decider and starts a new one, which rebuilds its state as after a process restart. */
    void restartDecider() {
        decider.stop();
        decider = newDecider();
        decider.start();
    }

    private DeciderWorker newDecider() {
        return new DeciderWorker(clients, producer, processor, DeciderWorker.GROUP, "routing-decider", snapshotEvery);
    }

    /** How many records the decider's last catch-up folded (for tests). */
    long deciderFoldedAtLastCatchUp() {
        return decider.foldedAtLastCatchUp();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        forwarder.stop();
        decider.stop();
        replica.stop();
        producer.close();
    }

    /**
     * The three loops poll the broker, none is failing, and the replica has folded what the work topic held at its
     * start: before that its reads would show a past state.
     */
    public boolean ready() {
        return forwarder != null && forwarder.isPolling() && decider != null && decider.isPolling()
                && replica != null && replica.isPolling() && replica.caughtUp();
    }

    boolean replicaCaughtUp() {
        return replica != null && replica.caughtUp();
    }

    /** Appends a configuration fact to the tenant's work partition; returns once Kafka acknowledged it. */
    public void append(Fact fact) {
        await(new ProducerRecord<>(Topics.ROUTING_WORK, fact.tenant(), WorkCodec.encode(fact)));
    }

    /** Reads a tenant's routing state from this instance's replica; empty for a tenant with no routing facts. */
    public <T> Optional<T> read(String tenant, Function<TenantRouter, T> reader) {
        return replica.read(tenant, reader);
    }

    /** The tenant's state as this instance's decider has it, if it decides for the tenant (for tests). */
    <T> Optional<T> readDecider(String tenant, Function<TenantRouter, T> reader) {
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
