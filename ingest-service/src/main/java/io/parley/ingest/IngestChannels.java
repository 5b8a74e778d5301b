package io.parley.ingest;

/** SmallRye Reactive Messaging channel names of this service, shared with its configuration and tests. */
public final class IngestChannels {

    /** {@code conversation-events}, read for outbound messages to send. */
    public static final String OUTBOUND_IN = "outbound-in";
    /** Rebalance listener that rebuilds the delivery ledger of newly assigned partitions. */
    public static final String LEDGER_LISTENER = "ingest-delivery-ledger";

    private IngestChannels() {
    }
}
