package io.parley.ticket.live;

import io.parley.events.Event;
import io.parley.events.envelope.EventCodec;
import io.parley.events.envelope.MalformedEventException;
import io.parley.ticket.publish.Channels;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every instance reads the whole log from its end, in a consumer group of its own, and fans the events out to the
 * live streams it serves. Malformed records are the projection's business (dead-letter topic); here they are skipped.
 */
@ApplicationScoped
public class LiveEvents {

    private final BroadcastProcessor<Event> events = BroadcastProcessor.create();

    @Incoming(Channels.LIVE_IN)
    public void receive(ConsumerRecord<String, byte[]> record) {
        try {
            EventCodec.decode(record.value()).ifPresent(events::onNext);
        } catch (MalformedEventException e) {
            // parked by the projection consumer
        }
    }

    public Multi<Event> ofTenant(String tenant) {
        return events.filter(event -> tenant.equals(event.tenant()));
    }
}
