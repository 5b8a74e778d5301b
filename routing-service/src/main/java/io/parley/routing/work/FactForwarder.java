package io.parley.routing.work;

import io.parley.edge.consumer.RecordProcessor;
import io.parley.edge.consumer.RecordProcessor.Outcome;
import io.parley.events.Topics;
import io.parley.events.envelope.EventCodec;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Copies the routing-relevant events of {@code conversation-events}, {@code agent-events} and
 * {@code workspace-events} into the routing work topic, re-keyed by tenant, so that one partition (and so one decider)
 * holds all of a tenant's routing facts in one order. Offsets are committed once the copies are acknowledged; a copy
 * made twice has the same event id and the decider applies it once. Under the edge's failure policy: an unreadable
 * record is parked in {@code <topic>.dlq.routing} with the reason, the broker being away is waited out.
 */
final class FactForwarder extends PollingWorker {

    static final String GROUP = "routing-forwarder";

    private final KafkaClients clients;
    private final KafkaProducer<String, byte[]> producer;
    private final RecordProcessor processor;

    FactForwarder(KafkaClients clients, KafkaProducer<String, byte[]> producer, RecordProcessor processor) {
        super("routing-forwarder");
        this.clients = clients;
        this.producer = producer;
        this.processor = processor;
    }

    @Override
    KafkaConsumer<String, byte[]> subscribe() {
        KafkaConsumer<String, byte[]> consumer = clients.consumer(GROUP);
        consumer.subscribe(List.of(Topics.CONVERSATION_EVENTS, Topics.AGENT_EVENTS, Topics.WORKSPACE_EVENTS));
        return consumer;
    }

    @Override
    void handle(KafkaConsumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        Appends copies = new Appends(producer, processor);
        for (ConsumerRecord<String, byte[]> record : records) {
            Outcome outcome = processor.process(record, read -> EventCodec.decode(read.value())
                    .filter(RoutingRelevance::matters)
                    .ifPresent(event -> copies.send(read, List.of(new ProducerRecord<>(Topics.ROUTING_WORK, null,
                            event.tenant(), read.value(), read.headers())))));
            if (outcome == Outcome.INTERRUPTED) {
                return;
            }
        }
        if (copies.awaitAll()) {
            consumer.commitSync();
        }
    }
}
