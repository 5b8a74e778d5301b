package io.parley.devstack.chaos;

import io.parley.devstack.simulate.Simulation;
import io.parley.devstack.simulate.WebhookBodies.Webhook;
import io.parley.testkit.webhook.WebhookSigner;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Requests a scenario sends beside the simulator's customer messages, and what Parley answered them: copies of a
 * webhook (Meta retries, a proxy that sends twice) and forgeries (someone posting without the app secret or the
 * bearer token). A copy must be acknowledged (its message is already durable) and a forgery refused and never logged.
 */
final class Copies implements Simulation.Sending, AutoCloseable {

    /** How a forgery is made: a wrong, missing or non-ASCII signature or bearer token. */
    enum Forgery { WRONG, MISSING, NON_ASCII }

    private final int concurrentCopies;
    private final Duration later;
    private final Duration traffic;
    private final int forgeEvery;
    private final ScheduledExecutorService laterSends;
    private final AtomicLong messages = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong forgedAccepted = new AtomicLong();
    private final Set<String> forgedIds = ConcurrentHashMap.newKeySet();

    private Copies(int concurrentCopies, Duration later, Duration traffic, int forgeEvery) {
        this.concurrentCopies = concurrentCopies;
        this.later = later;
        this.traffic = traffic;
        this.forgeEvery = forgeEvery;
        this.laterSends = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "chaos-later-copies");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Nothing beside the customers' messages. */
    static Copies none() {
        return new Copies(0, Duration.ZERO, Duration.ZERO, 0);
    }

    /**
     * Each message four more times at once (five in all), and once more {@code later} if that is still within the
     * {@code traffic}'s time (a later copy after the run would find nobody watching for its reply).
     */
    static Copies duplicates(Duration later, Duration traffic) {
        return new Copies(4, later, traffic, 0);
    }

    /** Beside every {@code every}th message, one forgery of each kind, each with a message id of its own. */
    static Copies forgeries(int every) {
        return new Copies(0, Duration.ZERO, Duration.ZERO, every);
    }

    @Override
    public void alongside(String userId, String messageId, Webhook webhook, Function<Webhook, CompletableFuture<Integer>> send) {
        long n = messages.incrementAndGet();
        for (int i = 0; i < concurrentCopies; i++) {
            copy(webhook, send);
        }
        if (!later.isZero() && System.nanoTime() - startNanos + later.toNanos() <= traffic.toNanos()) {
            laterSends.schedule(() -> copy(webhook, send), later.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (forgeEvery > 0 && n % forgeEvery == 0) {
            for (Forgery forgery : Forgery.values()) {
                String forgedId = messageId + "F" + forgery.ordinal();
                forgedIds.add(forgedId);
                sent.incrementAndGet();
                send.apply(forge(webhook, messageId, forgedId, forgery)).thenAccept(status -> {
                    if (status / 100 == 2) {
                        forgedAccepted.incrementAndGet();
                    }
                });
            }
        }
    }

    private void copy(Webhook webhook, Function<Webhook, CompletableFuture<Integer>> send) {
        sent.incrementAndGet();
        send.apply(webhook).thenAccept(status -> {
            if (status / 100 == 2) {
                acknowledged.incrementAndGet();
            }
        });
    }

    /**
     * The same webhook about another message id, with its credentials spoiled: a signature made with another secret
     * (or a bearer token that is not the channel's), none, or one with bytes outside ASCII. The body keeps its shape,
     * so only the credentials tell it apart from a genuine one.
     */
    static Webhook forge(Webhook genuine, String messageId, String forgedId, Forgery forgery) {
        Webhook renamed = Bursts.rewritten(genuine, Map.of(messageId, forgedId));
        Map<String, String> headers = new HashMap<>(renamed.headers());
        String credential = headers.containsKey(WebhookSigner.HEADER) ? WebhookSigner.HEADER : "Authorization";
        switch (forgery) {
            case WRONG -> headers.put(credential, credential.equals(WebhookSigner.HEADER)
                    ? WebhookSigner.sign(renamed.body(), "not-the-app-secret") : "Bearer not-the-token");
            case MISSING -> headers.remove(credential);
            // Latin-1 letters: the HTTP client sends them as single bytes above 0x7F, as a broken client would.
            case NON_ASCII -> headers.put(credential, credential.equals(WebhookSigner.HEADER)
                    ? "sha256=\u00e9\u00e8\u00ea" + WebhookSigner.sign(renamed.body(), "x").substring(10)
                    : "Bearer \u00e9\u00e8");
        }
        return new Webhook(renamed.path(), Map.copyOf(headers), renamed.body());
    }

    /** Requests sent beside the customers' messages. */
    long sent() {
        return sent.get();
    }

    /** Copies acknowledged (2xx). */
    long acknowledged() {
        return acknowledged.get();
    }

    /** Forgeries answered 2xx: each is a failure, whatever reached the log. */
    long forgedAccepted() {
        return forgedAccepted.get();
    }

    Set<String> forgedIds() {
        return Set.copyOf(forgedIds);
    }

    @Override
    public void close() {
        laterSends.shutdownNow();
    }
}
