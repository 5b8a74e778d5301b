package io.parley.analytics.live;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Pushes to live viewers, coalesced per viewer: after a tenant's figures change, each of its viewers gets one push
 * at once if its last push is at least {@code minInterval} old, else one push when that interval ends, however many
 * events were folded meanwhile. So a change reaches a viewer within {@code minInterval}, and no viewer gets more than
 * one push per interval. Pushes run on one timer thread; a push that throws unsubscribes its viewer.
 */
public final class LivePushes implements AutoCloseable {

    private final Duration minInterval;
    private final ScheduledExecutorService timer;
    private final Map<String, Set<Viewer>> viewers = new ConcurrentHashMap<>();

    public LivePushes(Duration minInterval) {
        this.minInterval = minInterval;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "analytics-live-pushes");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Registers a viewer of a tenant; it is pushed to once now, then after every change as above. */
    public Viewer subscribe(String tenant, Runnable push) {
        Viewer viewer = new Viewer(tenant, push);
        viewers.computeIfAbsent(tenant, t -> ConcurrentHashMap.newKeySet()).add(viewer);
        viewer.request();
        return viewer;
    }

    /** The tenant's figures changed. */
    public void changed(String tenant) {
        Set<Viewer> watching = viewers.get(tenant);
        if (watching != null) {
            watching.forEach(Viewer::request);
        }
    }

    public int viewerCount() {
        return viewers.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One open page (or stream client). */
    public final class Viewer {
        private final String tenant;
        private final Runnable push;
        private long lastPushNanos = Long.MIN_VALUE;
        private boolean scheduled;
        private volatile boolean closed;

        private Viewer(String tenant, Runnable push) {
            this.tenant = tenant;
            this.push = push;
        }

        private synchronized void request() {
            if (scheduled || closed) {
                return;
            }
            scheduled = true;
            long wait = lastPushNanos == Long.MIN_VALUE ? 0
                    : lastPushNanos + minInterval.toNanos() - System.nanoTime();
            timer.schedule(this::run, Math.max(0, wait), TimeUnit.NANOSECONDS);
        }

        private void run() {
            synchronized (this) {
                scheduled = false;
                lastPushNanos = System.nanoTime();
            }
            if (closed) {
                return;
            }
            try {
                push.run();
            } catch (RuntimeException e) {
                unsubscribe();
            }
        }

        public void unsubscribe() {
            closed = true;
            Set<Viewer> watching = viewers.get(tenant);
            if (watching != null) {
                watching.remove(this);
            }
        }
    }
}
