package io.parley.ingest.normalize;

/** A part of a webhook that produced no event; the raw body keeps it, the service counts it by reason. */
public record Unhandled(String reason, String detail) {

    public static final String UNKNOWN_OBJECT = "unknown-object";
    public static final String UNKNOWN_FIELD = "unknown-field";
    public static final String UNKNOWN_EVENT = "unknown-event";
    public static final String UNKNOWN_ACCOUNT = "unknown-account";
    public static final String MALFORMED = "malformed";
    /** Echo of a message Parley itself sent: its outbound event is already in the log. */
    public static final String OWN_ECHO = "own-echo";
}
