package io.parley.devstack.chaos;

import io.parley.devstack.simulate.Simulation;
import io.parley.devstack.simulate.WebhookBodies.Webhook;
import io.parley.devstack.up.DemoAccounts;
import io.parley.testkit.webhook.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Bursts (issue 18, scenario 6): beside every {@code every}th customer message, a contact of its own writes 1 to
 * {@link #MAX} messages in a row, each sent once the one before was acknowledged (a channel delivers one person's
 * messages in order, and retries a refused one before the next), each the text of the message it goes beside. The
 * contact is not one of the simulator's customers (its id does not start with the run's), so its replies are
 * reconciled from the log ({@link BurstAudit}) and not by the simulator's ledger, which takes a reply for the answer
 * to the customer's latest message.
 */
final class Bursts implements Simulation.Sending, AutoCloseable {

    static final int MAX = 20;
    /** A refused webhook is sent again, as Meta retries, before the next message of the burst. */
    private static final int ATTEMPTS = 5;

    /** One contact's burst: its messages' ids in the order they were written, and those acknowledged. */
    record Burst(String userId, List<String> messageIds, List<String> acknowledged) {
    }

    private final int every;
    private final Random random;
    private final ExecutorService senders = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "chaos-burst");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final List<Burst> bursts = new ArrayList<>();

    Bursts(int every, long seed) {
        this.every = every;
        this.random = new Random(seed);
    }

    @Override
    public void alongside(String userId, String messageId, Webhook webhook,
                          Function<Webhook, CompletableFuture<Integer>> send) {
        if (messages.incrementAndGet() % every != 0) {
            return;
        }
        int size;
        synchronized (random) {
            size = 1 + random.nextInt(MAX);
        }
        // digits, as a WhatsApp id; not starting with the run's id, so not one of the simulator's customers
        String contact = "8" + userId;
        senders.execute(() -> burst(contact, userId, messageId, webhook, size, send));
    }

    private void burst(String contact, String userId, String messageId, Webhook webhook, int size,
                       Function<Webhook, CompletableFuture<Integer>> send) {
        List<String> written = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < size && !Thread.currentThread().isInterrupted(); i++) {
            String id = messageId + "B" + i;
            written.add(id);
            Webhook message = rewritten(webhook, Map.of(messageId, id, userId, contact));
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                sent.incrementAndGet();
                if (send.apply(message).join() / 100 == 2) {
                    acknowledged.incrementAndGet();
                    taken.add(id);
                    break;
                }
            }
        }
        synchronized (bursts) {
            bursts.add(new Burst(contact, List.copyOf(written), List.copyOf(taken)));
        }
    }

    /** The webhook with each key of {@code replacements} replaced, signed again as its channel signs. */
    static Webhook rewritten(Webhook webhook, Map<String, String> replacements) {
        String text = new String(webhook.body(), StandardCharsets.UTF_8);
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            text = text.replace(replacement.getKey(), replacement.getValue());
        }
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(webhook.headers());
        if (headers.containsKey(WebhookSigner.HEADER)) {
            DemoAccounts.MetaAccount account = DemoAccounts.META.stream()
                    .filter(meta -> webhook.path().equals("/webhooks/" + meta.channel().wireName())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no demo account receives " + webhook.path()));
            headers.put(WebhookSigner.HEADER, WebhookSigner.sign(body, account.appSecret()));
        }
        return new Webhook(webhook.path(), Map.copyOf(headers), body);
    }

    /** Waits (at most {@code wait}) for the bursts still being written, then returns every burst. */
    List<Burst> written(Duration wait) throws InterruptedException {
        senders.shutdown();
        senders.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        synchronized (bursts) {
            return List.copyOf(bursts);
        }
    }

    long sent() {
        return sent.get();
    }

    long acknowledged() {
        return acknowledged.get();
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
