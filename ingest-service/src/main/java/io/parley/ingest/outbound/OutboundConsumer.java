package io.parley.ingest.outbound;

import io.parley.edge.consumer.KafkaBatches;
import io.parley.edge.consumer.KeyedBatch;
import io.parley.edge.consumer.RecordProcessor;
import io.parley.edge.consumer.RecordProcessor.Outcome;
import io.parley.events.Topics;
import io.parley.ingest.IngestChannels;
import io.parley.ingest.kafka.DurableLog;
import io.parley.ingest.webhook.IngestMetrics;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads the log a poll's batch at a time and sends outbound messages: the batch's records are grouped by conversation
 * (the record key), conversations are sent concurrently on a bounded pool ({@code
 * parley.ingest.outbound.conversation-threads}), each in offset order, so a slow Graph call holds up its own
 * conversation only; the batch is acknowledged once every record is handled. Failures follow the shared policy
 * ({@link RecordProcessor}): a record that is not a readable event, or an outbound event that can never be sent (no
 * message id or content, no conversation), is parked in {@code conversation-events.dlq.ingest} with its reason and
 * counted, and sending goes on; Kafka being away (the ledger's attempt, the delivery event) is waited out with
 * readiness DOWN, holding that conversation; a record's send is decided once ({@link OutboundHandler}).
 */
@ApplicationScoped
public class OutboundConsumer {

    public static final String DEAD_LETTER_TOPIC = Topics.deadLetter(Topics.CONVERSATION_EVENTS, "ingest");

    private final OutboundHandler handler;
    private final RecordProcessor records;
    private final ExecutorService conversations;

    public OutboundConsumer(OutboundDispatcher dispatcher, DurableLog log, IngestMetrics metrics,
                            RecordProcessor records,
                            @ConfigProperty(name = "parley.ingest.outbound.conversation-threads") int threads) {
        this.handler = new OutboundHandler(dispatcher,
                delivery -> log.appendEvents(List.of(delivery), log.deadline()), metrics::outbound);
        this.records = records;
        this.conversations = KeyedBatch.executor("ingest-outbound", threads);
    }

    @PreDestroy
    void stop() {
        conversations.shutdownNow();
    }

    @Incoming(IngestChannels.OUTBOUND_IN)
    @Blocking
    public CompletionStage<Void> consume(Message<List<byte[]>> batch) {
        List<ConsumerRecord<String, byte[]>> all = KafkaBatches.recordsOf(batch);
        AtomicBoolean interrupted = new AtomicBoolean();
        try {
            KeyedBatch.process(all, ConsumerRecord::key, conversations, record -> {
                if (records.process(record, handler.forRecord()) == Outcome.INTERRUPTED) {
                    interrupted.set(true);
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            interrupted.set(true);
        }
        // Shutting down mid-retry: the batch is neither done nor parked, so it is not acknowledged either.
        return interrupted.get() ? new CompletableFuture<>() : batch.ack();
    }
}
