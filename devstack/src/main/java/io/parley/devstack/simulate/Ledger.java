package io.parley.devstack.simulate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What the simulator sent and what it saw leave Parley, reconciled: which messages were answered, which were lost,
 * which replies came twice, and the latency of each stage. Pure bookkeeping (times are microseconds since the epoch,
 * as the observers stamp arrivals); thread-safe, since the sender and the observers write at once.
 */
final class Ledger {

    /** A customer message, due at {@code dueMicros} (the open loop's schedule). */
    record Sent(String messageId, String userId, long dueMicros) {
    }

    /** Who wrote a reply seen at the channel. */
    enum Author { BOT, AGENT }

    /**
     * A reply seen where it left Parley. {@code deliveryId} is Parley's id of the message when the send carries one
     * (WhatsApp's biz_opaque_callback_data, Messenger metadata, the API callback's messageId), else null: then the
     * same text to the same customer for the same message counts as the same reply.
     */
    record Reply(String userId, Author author, String deliveryId, String text, long atMicros) {
    }

    private final Map<String, List<Sent>> sentByUser = new HashMap<>();
    private final Map<String, Sent> sentById = new HashMap<>();
    private final Map<String, Long> acknowledged = new HashMap<>();
    private final Map<Integer, Integer> refused = new TreeMap<>();
    private final List<Reply> replies = new ArrayList<>();
    private final Map<String, Long> handoffs = new HashMap<>();
    private final Map<String, Long> assignments = new HashMap<>();
    private final Map<String, Long> agentRepliesDue = new HashMap<>();
    private long sentCount;
    private long lastReplyMicros;

    synchronized void sent(Sent sent) {
        sentCount++;
        sentById.put(sent.messageId(), sent);
        sentByUser.computeIfAbsent(sent.userId(), ignored -> new ArrayList<>()).add(sent);
    }

    /** The platform answered the webhook: 2xx is acknowledged, anything else refused (status 0: no answer). */
    synchronized void answeredWebhook(String messageId, int status, long atMicros) {
        if (status / 100 == 2) {
            acknowledged.put(messageId, atMicros);
        } else {
            refused.merge(status, 1, Integer::sum);
        }
    }

    synchronized void replied(Reply reply) {
        replies.add(reply);
        lastReplyMicros = Math.max(lastReplyMicros, reply.atMicros());
    }

    /** When the latest reply seen arrived (0 before any): answers still arriving mean the platform is catching up. */
    synchronized long lastReplyMicros() {
        return lastReplyMicros;
    }

    /** Parley handed this customer's conversation to people (the event's time). */
    synchronized void handedOff(String userId, long atMicros) {
        handoffs.putIfAbsent(userId, atMicros);
    }

    synchronized void assigned(String userId, long atMicros) {
        assignments.putIfAbsent(userId, atMicros);
    }

    /** A simulated agent posted a reply carrying {@code marker} (unique, found again in the text at the channel). */
    synchronized void agentReplied(String marker, long dueMicros) {
        agentRepliesDue.put(marker, dueMicros);
    }

    /** A short line for the progress bar. */
    synchronized String progress() {
        return " acknowledged " + acknowledged.size() + ", replies seen " + replies.size();
    }

    /** Messages acknowledged that still wait for an answer they should get (see {@link #summarize}). */
    synchronized long awaitingAnswers() {
        return summarize().lost();
    }

    /**
     * Reconciles. Each reply belongs to the customer's latest message due before it arrived (a customer writes again
     * only after reading the answer). A message is answered when a bot reply belongs to it; lost when it was
     * acknowledged and no answer came although one should (the customer was not with people yet when it was due).
     * A reply is duplicated when the same reply (same delivery id, else same text for the same message) came before.
     */
    synchronized Summary summarize() {
        Histogram ack = histogram();
        Histogram answer = histogram();
        Histogram assignment = histogram();
        Histogram agent = histogram();
        acknowledged.forEach((id, at) -> ack.recordValue(Math.max(0, at - sentById.get(id).dueMicros())));
        Attribution attribution = attribute(answer, agent);
        long lost = acknowledged.keySet().stream()
                .filter(id -> !attribution.firstAnswer().containsKey(id))
                .filter(id -> expectsAnswer(sentById.get(id)))
                .count();
        assignments.forEach((user, at) -> {
            Long handoff = handoffs.get(user);
            if (handoff != null) {
                assignment.recordValue(Math.max(0, at - handoff));
            }
        });
        return new Summary(sentCount, acknowledged.size(), Map.copyOf(refused), attribution.firstAnswer().size(),
                handoffs.size(), assignments.size(), agentRepliesDue.size(), attribution.agentDelivered(), lost,
                attribution.duplicated(), Summary.Latency.of(ack), Summary.Latency.of(answer),
                Summary.Latency.of(assignment), Summary.Latency.of(agent));
    }

    /**
     * Each message's fate, reconciled as {@link #summarize} does: for a fault scenario ({@code parley chaos}), which
     * acknowledged messages must be in the log and how long each waited for its answer.
     */
    synchronized List<Simulation.Outcome> outcomes() {
        Map<String, Long> firstAnswer = attribute(histogram(), histogram()).firstAnswer();
        return sentById.values().stream()
                .sorted(Comparator.comparingLong(Sent::dueMicros))
                .map(sent -> new Simulation.Outcome(sent.messageId(), sent.userId(), sent.dueMicros(),
                        acknowledged.containsKey(sent.messageId()), expectsAnswer(sent),
                        firstAnswer.getOrDefault(sent.messageId(), -1L)))
                .toList();
    }

    /** The replies attributed to their messages: each message's first answer, duplicates, agent replies seen. */
    private record Attribution(Map<String, Long> firstAnswer, long duplicated, long agentDelivered) {
    }

    /**
     * Each reply belongs to the customer's latest message due before it arrived; a reply is a duplicate when the same
     * reply (same delivery id, else same text for the same message) came before. Records latencies as it goes.
     */
    private Attribution attribute(Histogram answer, Histogram agent) {
        Map<String, Long> firstAnswer = new HashMap<>();
        Set<String> seen = new HashSet<>();
        long duplicated = 0;
        long agentDelivered = 0;
        List<Reply> ordered = new ArrayList<>(replies);
        ordered.sort(Comparator.comparingLong(Reply::atMicros));
        for (Reply reply : ordered) {
            Sent cause = latestBefore(sentByUser.getOrDefault(reply.userId(), List.of()), reply.atMicros());
            String identity = reply.deliveryId() != null ? reply.deliveryId()
                    : reply.userId() + "|" + (cause == null ? "" : cause.messageId()) + "|" + reply.text();
            if (!seen.add(identity)) {
                duplicated++;
                continue;
            }
            if (reply.author() == Author.AGENT) {
                Long due = agentRepliesDue.entrySet().stream().filter(e -> reply.text().contains(e.getKey()))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
                if (due != null) {
                    agentDelivered++;
                    agent.recordValue(Math.max(0, reply.atMicros() - due));
                }
            } else if (cause != null && firstAnswer.putIfAbsent(cause.messageId(), reply.atMicros()) == null) {
                answer.recordValue(Math.max(0, reply.atMicros() - cause.dueMicros()));
            }
        }
        return new Attribution(firstAnswer, duplicated, agentDelivered);
    }

    /** The bot answers every message of a customer it still talks to; once people have it, it stays quiet. */
    private boolean expectsAnswer(Sent sent) {
        Long handoff = handoffs.get(sent.userId());
        return handoff == null || sent.dueMicros() < handoff;
    }

    private static Sent latestBefore(List<Sent> sent, long atMicros) {
        Sent latest = null;
        for (Sent candidate : sent) {
            if (candidate.dueMicros() <= atMicros) {
                latest = candidate;
            }
        }
        return latest;
    }

    private static Histogram histogram() {
        return new Histogram(3_600_000_000L, 3);
    }
}
