package io.parley.devstack.simulate;

import java.time.Duration;

/**
 * An open loop at a fixed arrival rate: message {@code i} is due {@code i / rate} seconds after the start, whatever
 * happened to the messages before it, so a slow platform meets as much traffic as a fast one and latencies are
 * measured from when each message was due (no coordinated omission).
 */
public record Schedule(double rate, Duration duration) {

    public Schedule {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("the rate must be positive, not " + rate);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("the duration must be positive, not " + duration);
        }
    }

    /** How many messages the run sends. */
    public long count() {
        return Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
    }

    /** When message {@code i} is due, in nanoseconds after the start. */
    public long dueNanos(long i) {
        return Math.round(i * 1e9 / rate);
    }

    /** The time between two arrivals, in microseconds. */
    public long intervalMicros() {
        return Math.max(1, Math.round(1e6 / rate));
    }
}
