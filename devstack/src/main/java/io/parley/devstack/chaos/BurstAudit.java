package io.parley.devstack.chaos;

import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent.DeliveryOutcome;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.MessageDelivery;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reconciles the bursts of a run ({@link Bursts}) against {@code conversation-events} (one partition's records per
 * conversation, in offset order): each contact's messages in one conversation and logged in the order written; the
 * replies (the outbound messages reacting to them) and their deliveries in that order too; each acknowledged message
 * answered at the channel once, unless the conversation was handed to people before it (the bot then stays quiet).
 * Pure: the caller reads the log.
 */
final class BurstAudit {

    /**
     * @param logged     the bursts' messages in the log
     * @param answered   those whose reply was delivered (accepted by the channel)
     * @param lost       acknowledged and not logged, or logged before any handoff and never answered
     * @param duplicated replies delivered more than once
     * @param problems   what failed, in words
     */
    record Result(long logged, long answered, long lost, long duplicated, List<String> problems) {
    }

    private BurstAudit() {
    }

    static Result audit(List<Bursts.Burst> bursts, List<Event> log) {
        long logged = 0;
        long answered = 0;
        long lost = 0;
        long duplicated = 0;
        List<String> problems = new ArrayList<>();
        for (Bursts.Burst burst : bursts) {
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < burst.messageIds().size(); i++) {
                index.put(burst.messageIds().get(i), i);
            }
            // the burst's messages as logged: event id -> its index in the burst
            Map<String, Integer> causes = new HashMap<>();
            Set<String> conversations = new HashSet<>();
            List<Integer> receivedOrder = new ArrayList<>();
            for (Event event : log) {
                if (event.data() instanceof MessageReceived message && index.containsKey(message.channelMessageId())
                        && !causes.containsKey(event.id())) {
                    causes.put(event.id(), index.get(message.channelMessageId()));
                    conversations.add(event.subject());
                    receivedOrder.add(index.get(message.channelMessageId()));
                }
            }
            Set<Integer> inLog = new HashSet<>(causes.values());
            logged += inLog.size();
            for (String id : burst.acknowledged()) {
                if (!inLog.contains(index.get(id))) {
                    lost++;
                    problems.add("burst message " + id + " acknowledged but not in conversation-events");
                }
            }
            if (conversations.size() > 1) {
                problems.add("the burst of " + burst.userId() + " is in " + conversations.size() + " conversations: "
                        + conversations);
            }
            if (!nonDecreasing(receivedOrder)) {
                problems.add("the burst of " + burst.userId() + " was logged out of order: " + receivedOrder);
            }
            // replies and their deliveries, in log order, by the index of the message they answer
            Map<String, Integer> replyTo = new HashMap<>();
            List<Integer> replyOrder = new ArrayList<>();
            List<Integer> deliveryOrder = new ArrayList<>();
            Map<String, Integer> accepted = new HashMap<>();
            int handoffBefore = Integer.MAX_VALUE;
            for (Event event : log) {
                if (!conversations.contains(event.subject())) {
                    continue;
                }
                if (event.data() instanceof HandoffRequested && causes.containsKey(event.causationId())) {
                    handoffBefore = Math.min(handoffBefore, causes.get(event.causationId()));
                } else if (event.data() instanceof MessageOutbound outbound && causes.containsKey(event.causationId())
                        && !replyTo.containsKey(outbound.messageId())) {
                    replyTo.put(outbound.messageId(), causes.get(event.causationId()));
                    replyOrder.add(causes.get(event.causationId()));
                } else if (event.data() instanceof MessageDelivery delivery && replyTo.containsKey(delivery.messageId())) {
                    deliveryOrder.add(replyTo.get(delivery.messageId()));
                    if (delivery.outcome() == DeliveryOutcome.ACCEPTED
                            && accepted.merge(delivery.messageId(), 1, Integer::sum) > 1) {
                        duplicated++;
                    }
                }
            }
            if (!nonDecreasing(replyOrder)) {
                problems.add("the replies to the burst of " + burst.userId() + " were logged out of order: "
                        + replyOrder);
            }
            if (!nonDecreasing(deliveryOrder)) {
                problems.add("the replies to the burst of " + burst.userId() + " were sent out of order: "
                        + deliveryOrder);
            }
            Set<Integer> answeredIndexes = new HashSet<>();
            accepted.keySet().forEach(messageId -> answeredIndexes.add(replyTo.get(messageId)));
            answered += answeredIndexes.size();
            for (int i : inLog) {
                if (i < handoffBefore && !answeredIndexes.contains(i)) {
                    lost++;
                    problems.add("burst message " + burst.messageIds().get(i) + " was never answered");
                }
            }
        }
        if (duplicated > 0) {
            problems.add(duplicated + " burst reply(ies) delivered twice");
        }
        return new Result(logged, answered, lost, duplicated, List.copyOf(problems));
    }

    private static boolean nonDecreasing(List<Integer> indexes) {
        for (int i = 1; i < indexes.size(); i++) {
            if (indexes.get(i) < indexes.get(i - 1)) {
                return false;
            }
        }
        return true;
    }
}
