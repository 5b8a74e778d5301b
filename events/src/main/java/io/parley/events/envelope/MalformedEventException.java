package io.parley.events.envelope;

/** A record that is not a readable Parley CloudEvent. Consumers park it in their dead-letter topic with this reason. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
