package io.parley.edge.consumer;

/** What a consumer does about a failure (see {@link FailurePolicy}). */
public enum Failure {
    /** A dependency (the database, the broker) is unavailable: retry the same record until it is back. */
    TRANSIENT,
    /** The record itself cannot be processed: after {@link FailurePolicy#PERMANENT_ATTEMPTS} attempts, park it. */
    PERMANENT
}
