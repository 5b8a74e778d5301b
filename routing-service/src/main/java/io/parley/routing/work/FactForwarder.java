package io.parley.routing.work;

import io.parley.events.Event;
import io.parley.events.Topics;
import io.parley.events.envelope.EventCodec;
import io.parley.events.envelope.MalformedEventException;
import io.parley.events.kafka.DeadLetterHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Copies the routing-relevant events of {@code conversation-events}, {@code agent-events} and
 * {@code workspace-events} into the routing work topic, re-keyed by tenant, so that one partition (and so one decider) holds all of a tenant's routing facts in one
 * order. Offsets are committed once the copies are acknowledged; a copy made twice has the same event id and the
 * decider applies it once. Unreadable records go to the dead-letter topic with the reason.
 */
final class FactForwarder extends PollingWorker {

    static final String GROUP = "routing-forwarder";
    private static final Logger LOG = Logger.getLogger(FactForwarder.class);

    private final KafkaClients clients;
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicLong malformed = new AtomicLong();

    FactForwarder(KafkaClients clients, KafkaProducer<String, byte[]> producer) {
        super("routing-forwarder");
        this.clients = clients;
        this.producer = producer;
    }

    @Override
    KafkaConsumer<String, byte[]> subscribe() {
        KafkaConsumer<String, byte[]> consumer = clients.consumer(GROUP);
        consumer.subscribe(List.of(Topics.CONVERSATION_EVENTS, Topics.AGENT_EVENTS, Topics.WORKSPACE_EVENTS));
        return consumer;
    }

    @Override
    void handle(KafkaConsumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records) throws Exception {
        if (records.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            readable(record, sends).filter(RoutingRelevance::matters).ifPresent(event -> sends.add(producer.send(
                    new ProducerRecord<>(Topics.ROUTING_WORK, null, event.tenant(), record.value(), record.headers()))));
        }
        for (Future<RecordMetadata> send : sends) {
            send.get();
        }
        consumer.commitSync();
    }

    /** Records of the logs that were not readable events, parked in the dead-letter topic since start. */
    long malformed() {
        return malformed.get();
    }

    private Optional<Event> readable(ConsumerRecord<String, byte[]> record, List<Future<RecordMetadata>> sends) {
        try {
            return EventCodec.decode(record.value());
        } catch (MalformedEventException e) {
            malformed.incrementAndGet();
            LOG.warnf("%s offset %d is not a readable event (%s); parked in the dead-letter topic", record.topic(),
                    record.offset(), e.getMessage());
            ProducerRecord<String, byte[]> parked = new ProducerRecord<>(Topics.deadLetter(record.topic(), "routing"),
                    record.key(), record.value());
            DeadLetterHeaders.addTo(parked.headers(), record, e.getMessage());
            sends.add(producer.send(parked));
            return Optional.empty();
        }
    }
}
