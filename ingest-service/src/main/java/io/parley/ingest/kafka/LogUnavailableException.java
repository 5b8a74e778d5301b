package io.parley.ingest.kafka;

/** Kafka did not acknowledge a write in time: nothing may be reported as accepted. */
public class LogUnavailableException extends RuntimeException {

    public LogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
