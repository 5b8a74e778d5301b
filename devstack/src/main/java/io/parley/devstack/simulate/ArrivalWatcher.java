package io.parley.devstack.simulate;

import io.parley.devstack.simulate.Ledger.Reply;
import io.parley.testkit.recording.Arrivals;
import io.parley.testkit.recording.Arrivals.Arrival;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads, every {@link #POLL_MILLIS} ms, what arrived at one place replies leave Parley for, from where it read last;
 * the arrival times come from that place, so the polling adds nothing to the latencies.
 */
final class ArrivalWatcher implements AutoCloseable {

    private static final long POLL_MILLIS = 50;

    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile String problem;

    private ArrivalWatcher(String name, Platform platform, String url, Function<Arrival, Optional<Reply>> read,
                           Consumer<Reply> replies) {
        this.thread = new Thread(() -> watch(platform, url, read, replies), name);
        thread.setDaemon(true);
    }

    /** Starts reading from what arrives after now (earlier runs' replies are not this run's). */
    static ArrivalWatcher start(String name, Platform platform, String url, Function<Arrival, Optional<Reply>> read,
                                Consumer<Reply> replies) {
        ArrivalWatcher watcher = new ArrivalWatcher(name, platform, url, read, replies);
        watcher.thread.start();
        return watcher;
    }

    private void watch(Platform platform, String url, Function<Arrival, Optional<Reply>> read,
                       Consumer<Reply> replies) {
        long next = -1;
        String separator = url.contains("?") ? "&" : "?";
        while (running.get()) {
            try {
                // the first read asks only for the last arrival: where this run's replies will start
                List<Arrival> arrivals = Arrivals.parse(platform.get(url + separator
                        + (next < 0 ? "latest" : "from=" + next)));
                if (next < 0) {
                    next = arrivals.isEmpty() ? 0 : arrivals.get(arrivals.size() - 1).n() + 1;
                } else {
                    for (Arrival arrival : arrivals) {
                        read.apply(arrival).ifPresent(replies);
                        next = arrival.n() + 1;
                    }
                }
                problem = null;
                Thread.sleep(POLL_MILLIS);
            } catch (IOException | IllegalArgumentException e) {
                problem = url + ": " + e.getMessage();
                sleepQuietly();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Why the last read failed, if it did (shown in the summary). */
    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        thread.interrupt();
    }
}
