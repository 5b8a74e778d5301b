package io.parley.ingest.outbound;

import io.parley.events.Event;
import io.parley.events.Topics;
import io.parley.events.conversation.ConversationEvent.DeliveryOutcome;
import io.parley.events.conversation.ConversationEvent.MessageDelivery;
import io.parley.events.envelope.EventCodec;
import io.parley.events.envelope.MalformedEventException;
import io.parley.events.kafka.DeadLetterHeaders;
import io.parley.ingest.IngestChannels;
import io.parley.ingest.kafka.DurableLog;
import io.parley.ingest.kafka.LogUnavailableException;
import io.parley.ingest.webhook.IngestMetrics;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads the log and sends outbound messages, one record at a time in partition order. Failure strategy: a record
 * that is not a readable event, or an outbound event that can never be sent (no message id or content), goes to
 * {@code conversation-events.dlq.ingest} with its reason and the stream goes on; a ledger entry or delivery event that
 * Kafka cannot store yet is retried until it is, holding the partition (order matters).
 */
@ApplicationScoped
public class OutboundConsumer {

    public static final String DEAD_LETTER_TOPIC = Topics.deadLetter(Topics.CONVERSATION_EVENTS, "ingest");
    private static final Logger LOG = Logger.getLogger(OutboundConsumer.class);
    private static final Duration STORE_RETRY = Duration.ofSeconds(1);

    private final OutboundDispatcher dispatcher;
    private final DurableLog log;
    private final IngestMetrics metrics;

    public OutboundConsumer(OutboundDispatcher dispatcher, DurableLog log, IngestMetrics metrics) {
        this.dispatcher = dispatcher;
        this.log = log;
        this.metrics = metrics;
    }

    @Incoming(IngestChannels.OUTBOUND_IN)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        Optional<Event> event;
        try {
            event = EventCodec.decode(record.value());
        } catch (MalformedEventException e) {
            deadLetter(record, "unknown", e.getMessage());
            return;
        }
        if (event.isEmpty()) {
            return;
        }
        String channel = event.get().subject().split(":", 2)[0];
        Dispatch dispatch = dispatchUntilJournalled(event.get());
        if (dispatch instanceof Dispatch.Park park) {
            deadLetter(record, channel, park.reason());
        } else if (dispatch instanceof Dispatch.Skip skip && skip.counted() != null) {
            metrics.outbound(channel, skip.counted());
        } else if (dispatch instanceof Dispatch.Deliver deliver) {
            untilStored(() -> log.appendEvents(List.of(deliver.delivery()), log.deadline()));
            untilStored(() -> dispatcher.settled(deliver.key()));
            MessageDelivery data = (MessageDelivery) deliver.delivery().data();
            metrics.outbound(channel, data.outcome() == DeliveryOutcome.ACCEPTED ? "accepted" : "failed");
            if (data.error() != null) {
                LOG.warnf("outbound %s to %s failed: %s (code %s, retryable %s)", data.messageId(),
                        event.get().subject(), data.error().title(), data.error().code(), data.error().retryable());
            }
        }
    }

    /** The attempt is journalled before any send; while Kafka cannot store it, nothing is sent and we wait. */
    private Dispatch dispatchUntilJournalled(Event event) throws InterruptedException {
        while (true) {
            try {
                return dispatcher.dispatch(event);
            } catch (LogUnavailableException e) {
                LOG.warnf("outbound %s waits for Kafka to journal its attempt: %s", event.id(), e.getMessage());
                Thread.sleep(STORE_RETRY.toMillis());
            }
        }
    }

    private static void untilStored(Runnable write) throws InterruptedException {
        while (true) {
            try {
                write.run();
                return;
            } catch (LogUnavailableException e) {
                LOG.warnf("outbound result not stored yet, retrying: %s", e.getMessage());
                Thread.sleep(STORE_RETRY.toMillis());
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String channel, String reason)
            throws InterruptedException {
        Map<String, String> headers = DeadLetterHeaders.describing(record, reason);
        while (true) {
            try {
                log.appendRecord(DEAD_LETTER_TOPIC, record.key(), record.value(), headers);
                metrics.outbound(channel, "dead-letter");
                LOG.warnf("record %s-%d@%d parked in %s: %s", record.topic(), record.partition(), record.offset(),
                        DEAD_LETTER_TOPIC, reason);
                return;
            } catch (LogUnavailableException e) {
                Thread.sleep(STORE_RETRY.toMillis());
            }
        }
    }
}
