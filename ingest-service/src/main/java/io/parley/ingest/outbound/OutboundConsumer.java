package io.parley.ingest.outbound;

import io.parley.edge.consumer.KafkaBatches;
import io.parley.edge.consumer.KeyedLanes;
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
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads the log a poll at a time and sends outbound messages: records are handed to lanes by conversation (the record
 * key; {@code parley.ingest.outbound.conversation-threads} lanes, {@link KeyedLanes}), each conversation in offset
 * order on its lane, conversations on different lanes at once; a poll is handed over without waiting for the polls
 * before it, so a slow Graph call holds up only its lane, and a reply never waits for other conversations' sends. A
 * poll is acknowledged once every record of it is handled (the throttled commit strategy commits an offset only when
 * all before it are). Failures follow the shared policy ({@link RecordProcessor}): a record that is not a readable
 * event, or an outbound event that can never be sent (no message id or content, no conversation), is parked in {@code
 * conversation-events.dlq.ingest} with its reason and counted, and sending goes on; Kafka being away (the ledger's
 * attempt, the delivery event) is waited out with readiness DOWN, holding that lane; a record's send is decided once
 * ({@link OutboundHandler}).
 */
@ApplicationScoped
public class OutboundConsumer {

    public static final String DEAD_LETTER_TOPIC = Topics.deadLetter(Topics.CONVERSATION_EVENTS, "ingest");
    /**
     * Records handed to the lanes and not yet handled, at most: one default poll (max.poll.records), as many as the
     * batch in progress held before the lanes, so a rebalance finds no more records still being sent by this instance
     * (which the partition's new reader may send as well, DESIGN §6) than it could then.
     */
    private static final int MAX_IN_FLIGHT = 500;

    private final OutboundHandler handler;
    private final RecordProcessor records;
    private final KeyedLanes conversations;

    public OutboundConsumer(OutboundDispatcher dispatcher, DurableLog log, IngestMetrics metrics,
                            RecordProcessor records,
                            @ConfigProperty(name = "parley.ingest.outbound.conversation-threads") int threads) {
        this.handler = new OutboundHandler(dispatcher,
                delivery -> log.appendEvents(List.of(delivery), log.deadline()), metrics::outbound);
        this.records = records;
        this.conversations = new KeyedLanes("ingest-outbound", threads, MAX_IN_FLIGHT);
    }

    @PreDestroy
    void stop() {
        conversations.close();
    }

    @Incoming(IngestChannels.OUTBOUND_IN)
    @Blocking
    public CompletionStage<Void> consume(Message<List<byte[]>> batch) {
        List<ConsumerRecord<String, byte[]>> all = KafkaBatches.recordsOf(batch);
        AtomicBoolean interrupted = new AtomicBoolean();
        try {
            conversations.submit(all, ConsumerRecord::key, record -> {
                if (records.process(record, handler.forRecord()) == Outcome.INTERRUPTED) {
                    interrupted.set(true);
                }
            }).whenComplete((done, failure) -> {
                if (failure != null) {
                    batch.nack(failure);
                } else if (!interrupted.get()) {
                    batch.ack();
                }
                // Shutting down mid-retry: the poll is neither done nor parked, so it is not acknowledged either.
            });
        } catch (InterruptedException e) {
            // Shutting down while waiting for room in the lanes: the poll was not handed over, so it is not
            // acknowledged, and the channel takes no later poll (whose acknowledgement could not be committed anyway).
            Thread.currentThread().interrupt();
            return new CompletableFuture<>();
        }
        // The poll is acknowledged (or not) when its lanes are done; the next poll is taken now.
        return CompletableFuture.completedFuture(null);
    }
}
