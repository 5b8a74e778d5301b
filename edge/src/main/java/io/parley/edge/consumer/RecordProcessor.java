package io.parley.edge.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Runs one record's work under the {@link FailurePolicy}, and never throws: a failure that says a dependency is away
 * is retried with backoff for as long as it lasts (counted, readiness DOWN meanwhile, the record never parked for it);
 * an undecodable record ({@code MalformedEventException}) or one the work calls unprocessable
 * ({@link UnprocessableRecordException}) is parked at once, one that failed non-transiently
 * {@link FailurePolicy#PERMANENT_ATTEMPTS} times is parked
 * ({@link DeadLetterPublisher}), counted and logged in one line, and the consumer goes on with the next record.
 * The caller commits the record's offset once this returns {@link Outcome#PROCESSED} or {@link Outcome#PARKED}.
 * A {@link StackOverflowError} or {@link AssertionError} from the work is the record's failure like an exception; any
 * other {@link Error} (out of memory, a missing class) is the process's and is rethrown
 * ({@link FailurePolicy#isRecordsOwn}).
 */
@ApplicationScoped
public class RecordProcessor {

    private static final Logger LOG = Logger.getLogger(RecordProcessor.class);

    /** What became of the record. */
    public enum Outcome {
        /** The work succeeded. */
        PROCESSED,
        /** The record is in the dead-letter topic. */
        PARKED,
        /** The thread was interrupted (shutdown) while waiting to retry: the record is neither done nor parked. */
        INTERRUPTED
    }

    /** One record's work; it may throw any exception, the processor decides what the failure means. */
    @FunctionalInterface
    public interface Work<R extends ConsumerRecord<?, ?>> {
        void process(R record) throws Exception;
    }

    /** Where parked records go: the {@link DeadLetterPublisher}, which throws if Kafka did not take the record. */
    @FunctionalInterface
    interface Parking {
        void park(ConsumerRecord<?, ?> record, Throwable failure) throws Exception;
    }

    /** How the processor waits between attempts. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final String service;
    private final Parking parking;
    private final ConsumerMetrics metrics;
    private final ConsumerReadiness readiness;
    private final Pause pause;

    @Inject
    public RecordProcessor(DeadLetterPublisher deadLetters, ConsumerMetrics metrics,
                           @Readiness ConsumerReadiness readiness) {
        this(deadLetters.service(), deadLetters::park, metrics, readiness, duration -> Thread.sleep(duration.toMillis()));
    }

    RecordProcessor(String service, Parking parking, ConsumerMetrics metrics, ConsumerReadiness readiness,
                    Pause pause) {
        this.service = service;
        this.parking = parking;
        this.metrics = metrics;
        this.readiness = readiness;
        this.pause = pause;
    }

    /** Runs {@code work} on {@code record} until it succeeds or the record is parked; see the class comment. */
    public <R extends ConsumerRecord<?, ?>> Outcome process(R record, Work<R> work) {
        int permanentFailures = 0;
        int retries = 0;
        try {
            while (true) {
                Throwable failure;
                try {
                    work.process(record);
                    settle(record, retries);
                    return Outcome.PROCESSED;
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    failure = e;
                } catch (Error e) {
                    if (!FailurePolicy.isRecordsOwn(e)) {
                        throw e;
                    }
                    failure = e;
                }
                if (FailurePolicy.isUndecodable(failure)) {
                    return park(record, failure, ParkReason.MALFORMED, retries);
                }
                if (FailurePolicy.isUnprocessable(failure)) {
                    return park(record, failure, ParkReason.UNPROCESSABLE, retries);
                }
                if (FailurePolicy.classify(failure) == Failure.TRANSIENT) {
                    retries++;
                    awaitDependency(record, failure, retries);
                    continue;
                }
                permanentFailures++;
                if (FailurePolicy.parks(permanentFailures)) {
                    return park(record, failure, ParkReason.UNPROCESSABLE, retries);
                }
                LOG.debugf(failure, "%s failed (attempt %d of %d before it is parked)", RecordCoordinates.of(record),
                        permanentFailures, FailurePolicy.PERMANENT_ATTEMPTS);
                pause.pause(FailurePolicy.backoff(permanentFailures));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            readiness.settled(record);
            return Outcome.INTERRUPTED;
        }
    }

    /** Parks the record; if Kafka does not take it, that is the broker being away: retried like any transient failure. */
    private Outcome park(ConsumerRecord<?, ?> record, Throwable failure, ParkReason reason, int retries)
            throws InterruptedException {
        while (true) {
            try {
                parking.park(record, failure);
                break;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                retries++;
                awaitDependency(record, e, retries);
            }
        }
        settle(record, retries);
        metrics.parked(service, record.topic(), reason);
        LOG.warnf("parked %s in its dead-letter topic (%s): %s: %s", RecordCoordinates.of(record), reason.tag(),
                failure.getClass().getName(), failure.getMessage());
        return Outcome.PARKED;
    }

    private void awaitDependency(ConsumerRecord<?, ?> record, Throwable failure, int retries)
            throws InterruptedException {
        if (retries == 1) {
            LOG.warnf("%s waits for an unavailable dependency, retrying until it is back: %s", RecordCoordinates.of(record),
                    failure);
        }
        metrics.retried(service, record.topic());
        readiness.retrying(record, failure);
        pause.pause(FailurePolicy.backoff(retries));
    }

    private void settle(ConsumerRecord<?, ?> record, int retries) {
        if (retries > 0) {
            readiness.settled(record);
            LOG.infof("%s went through after %d retries", RecordCoordinates.of(record), retries);
        }
    }
}
