package io.parley.ticket.lifecycle;

import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.conversation.ConversationEvent.SlaMetric;
import io.parley.events.sla.Priorities;
import io.parley.events.sla.SlaTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How many conversations met their SLA targets, per policy (priority) and metric, measured from what agents and
 * customers actually did. A measurement belongs to the period its clock started in. One still running counts only
 * once it is already late: until then it may still be met.
 * <ul>
 * <li>first reply: the first customer message to the first agent message after it;</li>
 * <li>next reply: each later customer message that follows an agent message, to the next agent message;</li>
 * <li>resolution: a ticket's creation to its solving.</li>
 * </ul>
 */
public final class SlaAttainment {

    /** A customer or agent message of a conversation; bot and system messages do not answer anyone. */
    public record Turn(Instant at, boolean fromCustomer) {
    }

    /** @param turns in time order */
    public record Conversation(String team, Priority priority, List<Turn> turns) {
    }

    public record Ticket(String team, Priority priority, Instant createdAt, Instant solvedAt) {
    }

    public record Figure(String policy, SlaMetric metric, int measured, int met, double percentMet,
            Duration target, int goalPercent, boolean businessHours) {
    }

    private final TicketPolicy policy;

    public SlaAttainment(TicketPolicy policy) {
        this.policy = policy;
    }

    /** Figures for clocks started in {@code [from, to)}, judged at {@code now}; nothing measured, no figure. */
    public List<Figure> measure(String tenant, List<Conversation> conversations, List<Ticket> tickets, Instant from,
            Instant to, Instant now) {
        Map<Priority, Map<SlaMetric, int[]>> counts = new EnumMap<>(Priority.class);
        Tally tally = (team, priority, metric, start, end) -> {
            if (start.isBefore(from) || !start.isBefore(to)) {
                return;
            }
            SlaTargets targets = policy.slaFor(tenant, priority);
            Duration target = targets.target(metric);
            Duration elapsed = policy.businessCalendar().elapsed(tenant, team, start, end == null ? now : end,
                    targets.businessHours());
            boolean met = elapsed.compareTo(target) <= 0;
            if (end == null && met) {
                return;
            }
            int[] count = counts.computeIfAbsent(priority, p -> new EnumMap<>(SlaMetric.class))
                    .computeIfAbsent(metric, m -> new int[2]);
            count[0]++;
            count[1] += met ? 1 : 0;
        };
        conversations.forEach(conversation -> replies(conversation, tally));
        tickets.forEach(ticket -> tally.count(ticket.team(), ticket.priority(), SlaMetric.RESOLUTION,
                ticket.createdAt(), ticket.solvedAt()));
        List<Figure> figures = new ArrayList<>();
        counts.forEach((priority, metrics) -> metrics.forEach((metric, count) -> {
            SlaTargets targets = policy.slaFor(tenant, priority);
            figures.add(new Figure(Priorities.wireName(priority), metric, count[0], count[1],
                    Math.round(1000.0 * count[1] / count[0]) / 10.0, targets.target(metric), targets.goalPercent(),
                    targets.businessHours()));
        }));
        return figures;
    }

    private static void replies(Conversation conversation, Tally tally) {
        Instant waitingSince = null;
        boolean answeredBefore = false;
        for (Turn turn : conversation.turns()) {
            if (turn.fromCustomer() && waitingSince == null) {
                waitingSince = turn.at();
            } else if (!turn.fromCustomer() && waitingSince != null) {
                tally.count(conversation.team(), conversation.priority(),
                        answeredBefore ? SlaMetric.NEXT_REPLY : SlaMetric.FIRST_REPLY, waitingSince, turn.at());
                waitingSince = null;
                answeredBefore = true;
            }
        }
        if (waitingSince != null) {
            tally.count(conversation.team(), conversation.priority(),
                    answeredBefore ? SlaMetric.NEXT_REPLY : SlaMetric.FIRST_REPLY, waitingSince, null);
        }
    }

    @FunctionalInterface
    private interface Tally {
        /** @param end null while the clock still runs */
        void count(String team, Priority priority, SlaMetric metric, Instant start, Instant end);
    }
}
