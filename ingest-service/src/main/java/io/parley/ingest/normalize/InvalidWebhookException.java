package io.parley.ingest.normalize;

/** The body cannot be read at all (not JSON, or an API-channel body without its required fields). */
public class InvalidWebhookException extends RuntimeException {

    public InvalidWebhookException(String message) {
        super(message);
    }

    public InvalidWebhookException(String message, Throwable cause) {
        super(message, cause);
    }
}
