package io.parley.analytics.tally;

import io.parley.analytics.AnalyticsChannels;
import io.parley.edge.consumer.FailurePolicy;
import io.parley.edge.consumer.KafkaBatches;
import io.parley.edge.consumer.RecordProcessor;
import io.parley.edge.consumer.RecordProcessor.Outcome;
import io.parley.events.Event;
import io.parley.events.envelope.EventCodec;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Counts the log's events per tenant and type in PostgreSQL, a poll's batch in one transaction
 * ({@link TallyStore#count}): at-least-once delivery is fine, an event id already counted is skipped by the table's
 * key. Failures follow the shared policy ({@link RecordProcessor}): a record that is not an event is parked in
 * {@code conversation-events.dlq.analytics} at once; should the batch's transaction fail, its events are counted again
 * one transaction each under the policy, so that PostgreSQL being away is waited for (readiness DOWN, nothing parked
 * for it) and a row the database refuses every time (a tenant name longer than the column, say) is parked after three
 * attempts while the rest of the batch is counted. The batch is acknowledged (its offsets committed) once every record
 * is counted or parked.
 */
@ApplicationScoped
public class EventTally {

    private static final Logger LOG = Logger.getLogger(EventTally.class);

    private final TallyStore store;
    private final RecordProcessor records;

    public EventTally(TallyStore store, RecordProcessor records) {
        this.store = store;
        this.records = records;
    }

    public record TypeCount(String type, long count) {
    }

    @Incoming(AnalyticsChannels.CONVERSATION_EVENTS)
    @Blocking
    public CompletionStage<Void> tally(Message<List<byte[]>> batch) {
        List<ConsumerRecord<String, byte[]>> polled = KafkaBatches.recordsOf(batch);
        if (count(polled)) {
            return batch.ack();
        }
        // Shutting down mid-retry: the batch is neither counted nor parked, so it is not acknowledged either.
        return new CompletableFuture<>();
    }

    /**
     * Counts a batch; false when interrupted (shutdown) before every record was counted or parked. The batch is
     * one transaction; if it fails for any reason of the batch's own, each event is retried alone under the policy,
     * which tells an outage (wait) from an event the database refuses (park it, count the rest).
     */
    private boolean count(Iterable<ConsumerRecord<String, byte[]>> polled) {
        List<Counted> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : polled) {
            // undecodable: the processor parks it at once; a type this service does not know is skipped
            Outcome outcome = records.process(record, r -> decode(r).ifPresent(event -> events.add(
                    new Counted(r, event))));
            if (outcome == Outcome.INTERRUPTED) {
                return false;
            }
        }
        if (events.isEmpty()) {
            return true;
        }
        try {
            store.count(events.stream().map(Counted::event).toList());
            return true;
        } catch (Exception e) {
            LOG.debugf(e, "counting a batch of %d events failed; counting them one at a time", events.size());
        } catch (Error e) {
            if (!FailurePolicy.isRecordsOwn(e)) {
                throw e;
            }
            LOG.debugf(e, "counting a batch of %d events failed; counting them one at a time", events.size());
        }
        for (Counted counted : events) {
            if (records.process(counted.record(), r -> store.count(List.of(counted.event())))
                    == Outcome.INTERRUPTED) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Event> decode(ConsumerRecord<String, byte[]> record) {
        return record.value() == null ? Optional.empty() : EventCodec.decode(record.value());
    }

    public Uni<List<TypeCount>> countsFor(String tenant) {
        return Panache.withSession(() -> TalliedEvent.find(
                        "select type, count(*) from TalliedEvent where tenant = ?1 group by type order by type", tenant)
                .project(TypeCount.class)
                .list());
    }

    private record Counted(ConsumerRecord<String, byte[]> record, Event event) {
    }
}
