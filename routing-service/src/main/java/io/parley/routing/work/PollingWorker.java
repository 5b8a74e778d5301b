package io.parley.routing.work;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * A consumer loop on its own thread. Records are handled under the edge's failure policy ({@code RecordProcessor}:
 * a dependency away is retried, a record that cannot be processed is parked), so a record never stops the loop. Only
 * the consumer itself failing (subscribing, polling, committing) makes the worker close it and start over from the
 * committed offsets, which the idempotent effects (derived ids, dedupe) make safe.
 */
abstract class PollingWorker implements Runnable {

    private static final Logger LOG = Logger.getLogger(PollingWorker.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long RETRY_PAUSE_MILLIS = 1_000;

    private final String name;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean polling;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;

    PollingWorker(String name) {
        this.name = name;
    }

    /** Starts the loop on a new daemon thread. */
    void start() {
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** A new subscribed consumer. */
    abstract KafkaConsumer<String, byte[]> subscribe();

    /** Handles one batch; commits what it has made durable, nothing if the thread was interrupted (stop). */
    abstract void handle(KafkaConsumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records)
            throws Exception;

    @Override
    public void run() {
        try {
            while (running) {
                try (KafkaConsumer<String, byte[]> subscribed = subscribe()) {
                    consumer = subscribed;
                    while (running) {
                        ConsumerRecords<String, byte[]> records = subscribed.poll(POLL);
                        polling = true;
                        handle(subscribed, records);
                    }
                } catch (WakeupException | InterruptException e) {
                    // stop() woke the consumer up or interrupted the thread
                } catch (Exception e) {
                    polling = false;
                    LOG.errorf(e, "%s failed; restarting from the committed offsets", name);
                    pauseBeforeRetry();
                }
            }
        } finally {
            stopped.countDown();
        }
    }

    /** Whether the loop's last poll answered and no batch has failed since: what readiness reports. */
    boolean isPolling() {
        return running && polling;
    }

    void stop() {
        running = false;
        polling = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread worker = thread;
        if (worker != null) {
            worker.interrupt(); // ends a wait for a dependency that is away
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pauseBeforeRetry() {
        try {
            Thread.sleep(RETRY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
