package io.parley.edge.consumer;

/**
 * A record that no retry can process: thrown by work that is a pure function of the record and in-memory state (a
 * deterministic fold, say), where a second attempt would fail the same way or, worse, find the record half-applied.
 * {@link RecordProcessor} parks it at once instead of after {@link FailurePolicy#PERMANENT_ATTEMPTS} attempts.
 */
public class UnprocessableRecordException extends RuntimeException {

    public UnprocessableRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
