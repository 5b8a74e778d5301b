package io.parley.ingest.outbound;

import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent.MessageDelivery;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outbound message ids that already have a delivery event in the log: the dedupe key that stops a redelivered
 * outbound event from being sent twice. Rebuilt from the log itself (see {@code DeliveryLedgerCatchUp}), so it
 * survives restarts and partition moves.
 */
public final class DeliveryLedger {

    private final Set<String> delivered = ConcurrentHashMap.newKeySet();

    public void observe(Event event) {
        if (event.data() instanceof MessageDelivery delivery) {
            delivered.add(delivery.messageId());
        }
    }

    public boolean isDelivered(String messageId) {
        return delivered.contains(messageId);
    }

    public int size() {
        return delivered.size();
    }
}
