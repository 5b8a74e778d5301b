package io.parley.ingest.outbound;

import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent.MessageDelivery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What happened to each outbound message within the dedupe horizon: a send was attempted, or its delivery event is
 * stored (settled). Durable through a {@link Journal} (the {@code ingest-outbound-ledger} topic): an attempt is
 * journalled before the channel is called, so a message whose attempt is known but not its outcome is never sent
 * blindly a second time. Memory is bounded by the horizon: older entries are evicted, and the dispatcher sends nothing
 * older than the horizon.
 */
public final class DeliveryLedger {

    public enum State { ATTEMPTED, SETTLED }

    /** One ledger record. */
    public record Entry(OutboundKey key, State state, Instant at) {
    }

    /** Where entries are made durable; {@link #append} returns only once the entry is stored. */
    public interface Journal {
        void append(Entry entry);
    }

    private final Journal journal;
    private final Clock clock;
    private final Duration horizon;
    /** In insertion order, which is time order: the eldest are evicted first. */
    private final Map<OutboundKey, Entry> entries = new LinkedHashMap<>();

    public DeliveryLedger(Journal journal, Clock clock, Duration horizon) {
        this.journal = journal;
        this.clock = clock;
        this.horizon = horizon;
    }

    public Duration horizon() {
        return horizon;
    }

    /** Journals that a send of {@code key} is about to be attempted; returns once it is durable. */
    public void attempt(OutboundKey key) {
        record(new Entry(key, State.ATTEMPTED, clock.instant()));
    }

    /** Journals that the delivery event of {@code key} is stored; returns once it is durable. */
    public void settle(OutboundKey key) {
        record(new Entry(key, State.SETTLED, clock.instant()));
    }

    private void record(Entry entry) {
        journal.append(entry);
        apply(entry);
    }

    /** An entry read back from the journal (catch-up after a start or a rebalance). */
    public synchronized void apply(Entry entry) {
        Entry known = entries.get(entry.key());
        if (known != null && known.state() == State.SETTLED) {
            return;
        }
        entries.remove(entry.key());
        entries.put(entry.key(), entry);
        evictOlderThan(clock.instant().minus(horizon));
    }

    /** A delivery event seen in the log settles its message, whoever wrote it. */
    public void observe(Event event) {
        if (event.data() instanceof MessageDelivery delivery && delivery.messageId() != null) {
            apply(new Entry(new OutboundKey(event.tenant(), event.subject(), delivery.messageId()), State.SETTLED,
                    event.time()));
        }
    }

    public synchronized Optional<State> stateOf(OutboundKey key) {
        return Optional.ofNullable(entries.get(key)).map(Entry::state);
    }

    public synchronized int size() {
        return entries.size();
    }

    private void evictOlderThan(Instant limit) {
        Iterator<Entry> eldest = entries.values().iterator();
        while (eldest.hasNext() && eldest.next().at().isBefore(limit)) {
            eldest.remove();
        }
    }
}
