package io.parley.events.state;

import java.time.Instant;
import java.util.Comparator;

/**
 * When an event happened, tie-broken by its id: a total order on events that every writer and reader agrees on,
 * whatever order the log interleaved them in.
 */
public record Stamp(Instant time, String eventId) implements Comparable<Stamp> {

    private static final Comparator<Stamp> ORDER =
            Comparator.comparing(Stamp::time).thenComparing(Stamp::eventId);

    @Override
    public int compareTo(Stamp other) {
        return ORDER.compare(this, other);
    }

    public boolean isAfter(Stamp other) {
        return other == null || compareTo(other) > 0;
    }

    static Stamp latest(Stamp a, Stamp b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }

    static Stamp earliest(Stamp a, Stamp b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) <= 0 ? a : b;
    }
}
