package io.parley.edge.consumer;

/** Why a record was parked; the {@code reason} tag of {@code parley_dead_letters_total}. */
public enum ParkReason {
    /** Not a readable event: no attempt will ever read it. */
    MALFORMED("malformed"),
    /** Readable, but processing it failed non-transiently {@link FailurePolicy#PERMANENT_ATTEMPTS} times. */
    UNPROCESSABLE("unprocessable"),
    /** Failed like the above, and the dead-letter topic refused it even as a stand-in: left at its own offset. */
    UNPARKABLE("unparkable");

    private final String tag;

    ParkReason(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
