package io.parley.ingest.normalize;

/** A part of a webhook that produced no event; the raw body keeps it, the service counts it by reason. */
public record Unhandled(String reason, String detail) {

    public static final String UNKNOWN_OBJECT = "unknown-object";
    public static final String UNKNOWN_FIELD = "unknown-field";
    public static final String UNKNOWN_EVENT = "unknown-event";
    public static final String UNKNOWN_ACCOUNT = "unknown-account";
    /** The account's workspace disabled it: it keeps its tenant but takes no intake. */
    public static final String DISABLED_ACCOUNT = "disabled-account";
    /** A workspace account whose sealed secrets this instance cannot open (no or another secret key). */
    public static final String UNUSABLE_ACCOUNT = "unusable-account";
    /** The body was signed with an app secret that is not the account's: another tenant's app cannot speak for it. */
    public static final String FOREIGN_SIGNATURE = "foreign-signature";
    public static final String MALFORMED = "malformed";
    /** Normalising the part threw (a field of an unexpected form, e.g. a non-numeric timestamp): the others went on. */
    public static final String UNREADABLE = "unreadable";
    /** Echo of a message Parley itself sent: its outbound event is already in the log. */
    public static final String OWN_ECHO = "own-echo";
}
