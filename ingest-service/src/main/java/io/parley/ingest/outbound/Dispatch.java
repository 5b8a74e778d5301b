package io.parley.ingest.outbound;

import io.parley.events.Event;

/** What the dispatcher decided for one record of the log. */
public sealed interface Dispatch {

    /** Nothing to send. {@code counted} names why when it is worth a metric (duplicate, expired), else null. */
    record Skip(String counted) implements Dispatch {
    }

    /** Append {@code delivery}, then settle {@code key} in the ledger. */
    record Deliver(OutboundKey key, Event delivery) implements Dispatch {
    }

    /** An outbound event that can never be sent (no message id, no content): park it and go on. */
    record Park(String reason) implements Dispatch {
    }
}
