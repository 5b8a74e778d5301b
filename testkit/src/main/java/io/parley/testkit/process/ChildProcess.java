package io.parley.testkit.process;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** A child process (launched by {@link ChildJvm}, or found running): waits for it, stops or kills it. */
public final class ChildProcess {

    /** How waiting for a process to become ready ended. */
    public enum Readiness { READY, EXITED, TIMED_OUT }

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private final ProcessHandle handle;

    public ChildProcess(ProcessHandle handle) {
        this.handle = handle;
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    /**
     * Checks {@code ready} every 200 ms until it holds, the process exits or the timeout passes (the process is left
     * running then: the caller decides what to do with it).
     */
    public Readiness awaitReady(BooleanSupplier ready, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!exitsWithin(POLL_INTERVAL)) {
            if (ready.getAsBoolean()) {
                return Readiness.READY;
            }
            if (Instant.now().isAfter(deadline)) {
                return Readiness.TIMED_OUT;
            }
        }
        return Readiness.EXITED;
    }

    /** Asks the process to end (SIGTERM) and waits; kills it if it is still there after {@code timeout}. */
    public void stop(Duration timeout) {
        halt(ProcessHandle::destroy, timeout);
    }

    /** Kills the process at once (SIGKILL), as a crash would, and waits until it is gone. */
    public void kill(Duration timeout) {
        halt(ProcessHandle::destroyForcibly, timeout);
    }

    private boolean exitsWithin(Duration wait) {
        try {
            handle.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException stillRunning) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot watch process " + handle.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for process " + handle.pid(), e);
        }
    }

    private void halt(Predicate<ProcessHandle> signal, Duration timeout) {
        signal.test(handle);
        if (!exitsWithin(timeout)) {
            handle.destroyForcibly();
            exitsWithin(timeout);
        }
    }
}
