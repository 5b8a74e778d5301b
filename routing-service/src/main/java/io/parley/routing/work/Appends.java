package io.parley.routing.work;

import io.parley.edge.consumer.RecordProcessor;
import io.parley.edge.consumer.RecordProcessor.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * What one batch appends, pipelined: every record is sent at once, then every acknowledgement awaited. A consumed
 * record whose appends were not acknowledged has them sent again under the failure policy (the broker away: until it
 * is back; a record Kafka will never take: parked); the copies have the same event ids, which every fold applies once.
 */
final class Appends {

    private record Pending(ConsumerRecord<String, byte[]> cause, List<ProducerRecord<String, byte[]>> records,
                           List<Future<RecordMetadata>> sends) {
    }

    private final KafkaProducer<String, byte[]> producer;
    private final RecordProcessor processor;
    private final List<Pending> pending = new ArrayList<>();

    Appends(KafkaProducer<String, byte[]> producer, RecordProcessor processor) {
        this.producer = producer;
        this.processor = processor;
    }

    /** Sends what {@code cause} leads to, without waiting. */
    void send(ConsumerRecord<String, byte[]> cause, List<ProducerRecord<String, byte[]>> records) {
        if (!records.isEmpty()) {
            pending.add(new Pending(cause, records, sendAll(records)));
        }
    }

    /**
     * Waits until everything sent is acknowledged (or its cause parked); false if the thread was interrupted first,
     * when nothing may be committed.
     */
    boolean awaitAll() {
        for (Pending appends : pending) {
            List<List<Future<RecordMetadata>>> attempts = new ArrayList<>(List.of(appends.sends()));
            Outcome outcome = processor.process(appends.cause(), cause -> {
                List<Future<RecordMetadata>> sends = attempts.isEmpty() ? sendAll(appends.records())
                        : attempts.remove(0);
                for (Future<RecordMetadata> send : sends) {
                    send.get();
                }
            });
            if (outcome == Outcome.INTERRUPTED) {
                return false;
            }
        }
        return true;
    }

    private List<Future<RecordMetadata>> sendAll(List<ProducerRecord<String, byte[]>> records) {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (ProducerRecord<String, byte[]> record : records) {
            try {
                sends.add(producer.send(record));
            } catch (RuntimeException e) { // a send can also fail at once (no metadata within max.block.ms)
                sends.add(CompletableFuture.failedFuture(e));
            }
        }
        return sends;
    }
}
