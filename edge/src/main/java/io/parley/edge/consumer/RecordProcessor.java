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
 * A record the dead-letter topic refuses for good (too large, not authorised) is parked as a stand-in without its key
 * and value; if even that is refused it is left at its offset, named in an error line and counted
 * ({@link Outcome#UNPARKABLE}), so that no record stops its partition for good.
 * The caller commits the record's offset once this returns anything but {@link Outcome#INTERRUPTED}.
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
        /** The record is in the dead-letter topic (whole, or as a stand-in naming its coordinates). */
        PARKED,
        /** The dead-letter topic refused even the stand-in: the record stays only at its offset, logged and counted. */
        UNPARKABLE,
        /** The thread was interrupted (shutdown) while waiting to retry: the record is neither done nor parked. */
        INTERRUPTED
    }

    /** One record's work; it may throw any exception, the processor decides what the failure means. */
    @FunctionalInterface
    public interface Work<R extends ConsumerRecord<?, ?>> {
        void process(R record) throws Exception;
    }

    /**
     * Where parked records go: the {@link DeadLetterPublisher}, which throws if Kafka did not take the record; {@code
     * whole} false parks a stand-in with the record's coordinates and the failure but without its key and value.
     */
    @FunctionalInterface
    interface Parking {
        void park(ConsumerRecord<?, ?> record, Throwable failure, boolean whole) throws Exception;
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
        this(deadLetters.service(), (record, failure, whole) -> {
            if (whole) {
                deadLetters.park(record, failure);
            } else {
                deadLetters.parkStandIn(record, failure);
            }
        }, metrics, readiness, duration -> Thread.sleep(duration.toMillis()));
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
                } catch (Throwable e) {
                    FailurePolicy.rethrowIfFatal(e);
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

    /**
     * Parks the record. Kafka away is retried like any transient failure; a refusal that no retry changes (the record too
     * large for the topic, no right to write it, a key of another type) parks a stand-in instead, and if even that is
     * refused the record is left at its offset ({@link Outcome#UNPARKABLE}).
     */
    private Outcome park(ConsumerRecord<?, ?> record, Throwable failure, ParkReason reason, int retries)
            throws InterruptedException {
        boolean whole = true;
        while (true) {
            try {
                parking.park(record, failure, whole);
                break;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (FailurePolicy.classify(e) == Failure.TRANSIENT) {
                    retries++;
                    awaitDependency(record, e, retries);
                } else if (whole) {
                    LOG.warnf("%s cannot be parked whole (%s): parking a stand-in with its coordinates instead",
                            RecordCoordinates.of(record), e);
                    whole = false;
                } else {
                    settle(record, retries);
                    metrics.parked(service, record.topic(), ParkReason.UNPARKABLE);
                    LOG.errorf("%s failed (%s: %s) and its dead-letter topic refuses even a stand-in (%s): it is left"
                                    + " at its offset, read it from there; check the dead-letter topic's size limit and"
                                    + " this service's right to write it", RecordCoordinates.of(record),
                            failure.getClass().getName(), failure.getMessage(), e);
                    return Outcome.UNPARKABLE;
                }
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
