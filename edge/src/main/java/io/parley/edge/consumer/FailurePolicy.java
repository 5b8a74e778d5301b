package io.parley.edge.consumer;

import com.fasterxml.jackson.core.JacksonException;
import io.parley.events.envelope.MalformedEventException;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.CharacterCodingException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.errors.RetriableException;

/**
 * The one failure policy of every Parley consumer, as pure functions: which failures are a dependency being away
 * (retry the record for as long as it takes, never park it for that) and which are the record's own (park it after a
 * few attempts), and how long to wait between attempts.
 */
public final class FailurePolicy {

    /** A record whose processing failed non-transiently this many times is parked. */
    public static final int PERMANENT_ATTEMPTS = 3;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /**
     * SQL state classes of an unavailable database: 08 connection exception, 53 insufficient resources, 57P operator
     * intervention (shutdown, restart), 40 transaction rollback (serialization failure, deadlock: try again).
     */
    private static final List<String> TRANSIENT_SQL_STATES = List.of("08", "53", "57P", "40");
    /** How the Vert.x and Agroal clients word a lost, refused or exhausted connection (they have no common type). */
    private static final Pattern TRANSIENT_MESSAGE = Pattern.compile(
            "connection (refused|reset|closed|is closed|was closed|timed out|timeout)|closed connection"
                    + "|acquisition timeout|pool.*(timeout|timed out|exhausted|busy|closed)"
                    + "|(timeout|timed out).*(connection|pool)");
    private static final Pattern TRANSIENT_CLASS_NAME = Pattern.compile(
            ".*(ConnectException|ConnectionException|ConnectTimeoutException|TimeoutException|PoolTooBusy.*)");

    private FailurePolicy() {
    }

    /** Whether {@code failure}, or anything that caused it, says a dependency is unavailable right now. */
    public static Failure classify(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (isTransient(cause)) {
                return Failure.TRANSIENT;
            }
        }
        return Failure.PERMANENT;
    }

    /** Whether the record is not a readable event at all: no attempt will ever read it, so it is parked at once. */
    public static boolean isUndecodable(Throwable failure) {
        return failure instanceof MalformedEventException;
    }

    /** Whether the work itself says no retry can process the record ({@link UnprocessableRecordException}). */
    public static boolean isUnprocessable(Throwable failure) {
        return failure instanceof UnprocessableRecordException;
    }

    /**
     * Whether an {@link Error} thrown by one record's work is that record's failure, handled like an exception: a
     * {@link StackOverflowError} (a record deep enough to exhaust the stack; the stack has unwound when it is caught)
     * or an {@link AssertionError} (an invariant the record broke). Any other error says the process is broken, not the
     * record ({@link OutOfMemoryError}, other {@link VirtualMachineError}s, a {@link LinkageError} from a missing
     * class): parking records for it would park valid ones, so it is left to end the consumer.
     */
    public static boolean isRecordsOwn(Error error) {
        return error instanceof StackOverflowError || error instanceof AssertionError;
    }

    /**
     * Lets a caught {@code failure} be handled as one record's (or one batch's) failure, or rethrows it: an
     * {@link Error} that is not {@linkplain #isRecordsOwn the record's own} says the process is broken.
     */
    public static void rethrowIfFatal(Throwable failure) {
        if (failure instanceof Error error && !isRecordsOwn(error)) {
            throw error;
        }
    }

    /** Whether a record that has now failed non-transiently {@code permanentFailures} times is to be parked. */
    public static boolean parks(int permanentFailures) {
        return permanentFailures >= PERMANENT_ATTEMPTS;
    }

    /** The wait before retry number {@code retry} (1 for the first): 100 ms, doubling, at most 5 s. */
    public static Duration backoff(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries count from 1, got " + retry);
        }
        int doublings = Math.min(retry - 1, 16);
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << doublings);
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private static boolean isTransient(Throwable failure) {
        if (failure instanceof RetriableException) {
            return true;
        }
        if (failure instanceof IOException) {
            // Jackson's and charset errors are IOExceptions too, but they are about the bytes, not the network.
            return !(failure instanceof JacksonException || failure instanceof CharacterCodingException);
        }
        String sqlState = sqlState(failure);
        if (sqlState != null) {
            return TRANSIENT_SQL_STATES.stream().anyMatch(sqlState::startsWith);
        }
        String message = failure.getMessage();
        return TRANSIENT_CLASS_NAME.matcher(failure.getClass().getSimpleName()).matches()
                || message != null && TRANSIENT_MESSAGE.matcher(message.toLowerCase(Locale.ROOT)).find();
    }

    /**
     * The SQL state of a JDBC {@link java.sql.SQLException} or of a reactive client's database exception (Vert.x
     * {@code getSqlState()}), read by name so that services without a database need no SQL client on the classpath.
     */
    private static String sqlState(Throwable failure) {
        for (String accessor : List.of("getSQLState", "getSqlState")) {
            try {
                Method method = failure.getClass().getMethod(accessor);
                if (method.getReturnType() == String.class) {
                    return (String) method.invoke(failure);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not a database exception of this kind
            }
        }
        return null;
    }
}
