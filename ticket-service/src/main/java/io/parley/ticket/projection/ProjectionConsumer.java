package io.parley.ticket.projection;

import io.parley.edge.consumer.FailurePolicy;
import io.parley.edge.consumer.KafkaBatches;
import io.parley.edge.consumer.RecordProcessor;
import io.parley.edge.consumer.RecordProcessor.Outcome;
import io.parley.events.Event;
import io.parley.events.envelope.EventCodec;
import io.parley.events.envelope.MalformedEventException;
import io.parley.events.ids.ConversationId;
import io.parley.ticket.publish.Channels;
import io.parley.ticket.publish.EventPublisher;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads conversation-events a poll's batch at a time and projects the batch in one PostgreSQL transaction
 * ({@link Projector}: each conversation in log order, idempotent by event id, reactions kept with the claim), then
 * sends all the batch's reactions at once and awaits them together; the batch is acknowledged (its offsets committed)
 * only when every one is on the log. Unknown types are skipped (tolerant reader).
 * <p>
 * Failures follow the shared policy ({@link RecordProcessor}): if the batch's transaction fails, its records are
 * projected again one at a time, each in its own transaction, so that a dependency away (database, broker) is waited
 * for with readiness DOWN for as long as it lasts, and a record that fails the same way every time (or is not a
 * readable event) is parked alone in {@code conversation-events.dlq.ticket} with its reason and counted while the
 * others go on. Should Kafka refuse some reactions, only their causes go that way: their claims find the kept
 * reactions and append them again, with the same ids.
 */
@ApplicationScoped
public class ProjectionConsumer {

    private static final Logger LOG = Logger.getLogger(ProjectionConsumer.class);

    private final Projector projector;
    private final EventPublisher publisher;
    private final RecordProcessor records;

    ProjectionConsumer(Projector projector, EventPublisher publisher, RecordProcessor records) {
        this.projector = projector;
        this.publisher = publisher;
        this.records = records;
    }

    @Incoming(Channels.PROJECTION_IN)
    @Blocking
    public CompletionStage<Void> consume(Message<List<byte[]>> batch) {
        List<ConsumerRecord<String, byte[]>> all = KafkaBatches.recordsOf(batch);
        if (project(all)) {
            return batch.ack();
        }
        // Shutting down mid-retry: the batch is neither done nor parked, so it is not acknowledged either.
        return new CompletableFuture<>();
    }

    /** Projects a batch; false when interrupted (shutdown) before every record was projected or parked. */
    private boolean project(List<ConsumerRecord<String, byte[]>> all) {
        List<Event> events = new ArrayList<>(all.size());
        Map<String, ConsumerRecord<String, byte[]>> causes = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : all) {
            Optional<Event> event;
            try {
                event = decode(record);
            } catch (MalformedEventException unreadable) {
                if (records.process(record, this::projectAlone) == Outcome.INTERRUPTED) {
                    return false;
                }
                continue;
            }
            event.ifPresent(readable -> {
                events.add(readable);
                causes.putIfAbsent(readable.id(), record);
            });
        }
        Set<ConsumerRecord<String, byte[]>> again = new LinkedHashSet<>();
        try {
            Map<String, List<Event>> reactions = projector.project(events);
            refusedCauses(reactions).forEach(cause -> again.add(causes.get(cause)));
            if (!again.isEmpty()) {
                LOG.warnf("Kafka refused the reactions of %d events; projecting them again, one at a time",
                        again.size());
            }
        } catch (Throwable failure) {
            FailurePolicy.rethrowIfFatal(failure);
            LOG.warnf("projecting a batch of %d events failed (%s); projecting them one at a time", events.size(),
                    failure.toString());
            again.addAll(causes.values());
        }
        for (ConsumerRecord<String, byte[]> record : again) {
            if (records.process(record, this::projectAlone) == Outcome.INTERRUPTED) {
                return false;
            }
        }
        return true;
    }

    /** Sends every cause's reactions at once; answers the causes whose reactions Kafka did not acknowledge. */
    private List<String> refusedCauses(Map<String, List<Event>> reactions) throws Exception {
        if (reactions.values().stream().allMatch(List::isEmpty)) {
            return List.of();
        }
        return await(() -> Multi.createFrom().iterable(reactions.entrySet())
                .onItem().transformToUniAndMerge(cause -> publisher.appendAll(cause.getValue())
                        .map(ignored -> Optional.<String>empty())
                        .onFailure().recoverWithItem(Optional.of(cause.getKey())))
                .filter(Optional::isPresent)
                .map(Optional::get)
                .collect().asList());
    }

    /** One record in its own transaction, its reactions awaited: the work {@link RecordProcessor} retries or parks. */
    private void projectAlone(ConsumerRecord<String, byte[]> record) throws Exception {
        Optional<Event> event = decode(record);
        if (event.isPresent()) {
            List<Event> reactions = projector.project(event.get());
            await(() -> publisher.appendAll(reactions));
        }
    }

    private static Optional<Event> decode(ConsumerRecord<String, byte[]> record) {
        Optional<Event> event = EventCodec.decode(record.value());
        event.ifPresent(ProjectionConsumer::requireConversationSubject);
        return event;
    }

    private static void requireConversationSubject(Event event) {
        try {
            ConversationId.parse(event.subject());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("event " + event.id() + " is not about a conversation: "
                    + e.getMessage(), e);
        }
    }

    /** Runs reactive work (the Kafka emitter) on a Vert.x context and waits for it here. */
    private static <T> T await(Supplier<Uni<T>> work) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable other) {
            throw new IllegalStateException(other);
        }
    }
}
