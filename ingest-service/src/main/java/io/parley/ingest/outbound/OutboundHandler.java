package io.parley.ingest.outbound;

import io.parley.edge.consumer.RecordProcessor;
import io.parley.edge.consumer.UnprocessableRecordException;
import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent.DeliveryOutcome;
import io.parley.events.conversation.ConversationEvent.MessageDelivery;
import io.parley.events.envelope.EventCodec;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * One outbound record's work, run under {@link RecordProcessor}: decode (a record that is not a CloudEvent, or an
 * outbound or delivery event that cannot be read, throws and is parked; other types' data is not even bound),
 * decide and send once, then store the delivery event and settle the ledger. The decision is kept across the
 * processor's retries of the same record: a retry after the Graph call only stores its result, so Kafka being away
 * after a send never turns it into a second send or an "outcome unknown". An outbound event that can never be sent
 * throws {@link UnprocessableRecordException} (parked at once).
 */
final class OutboundHandler {

    /** Where delivery events go; returns once the event is stored, throws while it cannot be. */
    @FunctionalInterface
    interface DeliveryLog {
        void append(Event delivery);
    }

    private static final Logger LOG = Logger.getLogger(OutboundHandler.class);

    private final OutboundDispatcher dispatcher;
    private final DeliveryLog deliveries;
    private final BiConsumer<String, String> counted;

    /** @param counted called with the channel and outcome of each handled message (the outbound metric) */
    OutboundHandler(OutboundDispatcher dispatcher, DeliveryLog deliveries, BiConsumer<String, String> counted) {
        this.dispatcher = dispatcher;
        this.deliveries = deliveries;
        this.counted = counted;
    }

    /** The work for one record, to run (and retry) under the {@link RecordProcessor}; a new one for every record. */
    RecordProcessor.Work<ConsumerRecord<String, byte[]>> forRecord() {
        Dispatch[] decided = new Dispatch[1];
        return record -> {
            Optional<Event> event = EventCodec.decode(record.value(), OutboundDispatcher.TYPES_READ);
            if (event.isEmpty()) {
                return; // a type the dispatcher does not act on, or one this service does not know (tolerant reader)
            }
            if (decided[0] == null) {
                // the attempt is journalled before any send: while Kafka cannot take it, this throws, nothing was
                // sent, and the processor retries the whole decision
                decided[0] = dispatcher.dispatch(event.get());
            }
            complete(event.get(), decided[0]);
        };
    }

    private void complete(Event event, Dispatch dispatch) {
        String channel = event.subject().split(":", 2)[0];
        if (dispatch instanceof Dispatch.Park park) {
            throw new UnprocessableRecordException(park.reason(), null);
        } else if (dispatch instanceof Dispatch.Skip skip && skip.counted() != null) {
            counted.accept(channel, skip.counted());
        } else if (dispatch instanceof Dispatch.Deliver deliver) {
            // a retry after the delivery was stored appends it again under the same event id, which readers ignore
            deliveries.append(deliver.delivery());
            dispatcher.settled(deliver.key());
            MessageDelivery data = (MessageDelivery) deliver.delivery().data();
            counted.accept(channel, data.outcome() == DeliveryOutcome.ACCEPTED ? "accepted" : "failed");
            if (data.error() != null) {
                LOG.warnf("outbound %s to %s failed: %s (code %s, retryable %s)", data.messageId(), event.subject(),
                        data.error().title(), data.error().code(), data.error().retryable());
            }
        }
    }
}
