package io.parley.ingest.outbound;

import java.time.Duration;

/** Waiting between attempts; tests pass one that records instead of sleeping. */
@FunctionalInterface
public interface Pause {

    void pause(Duration duration) throws InterruptedException;

    Pause SLEEP = duration -> Thread.sleep(duration.toMillis(), (int) (duration.toNanosPart() % 1_000_000));
}
