package io.parley.ingest.outbound;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Spaces sends per key (a WhatsApp phone number) to at most {@code perSecond}, waiting as long as needed. */
public final class ThroughputLimiter {

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Pause pause;
    private final Map<String, Long> nextSlot = new ConcurrentHashMap<>();

    public ThroughputLimiter(int perSecond, LongSupplier nanoTime, Pause pause) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("throughput must be at least 1 message per second");
        }
        this.intervalNanos = 1_000_000_000L / perSecond;
        this.nanoTime = nanoTime;
        this.pause = pause;
    }

    public void acquire(String key) throws InterruptedException {
        long now = nanoTime.getAsLong();
        long[] granted = new long[1];
        nextSlot.compute(key, (k, next) -> {
            granted[0] = next == null ? now : Math.max(next, now);
            return granted[0] + intervalNanos;
        });
        long wait = granted[0] - now;
        if (wait > 0) {
            pause.pause(Duration.ofNanos(wait));
        }
    }
}
