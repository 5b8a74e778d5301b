package io.parley.ticket.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.conversation.ConversationEvent.SlaMetric;
import io.parley.ticket.lifecycle.SlaAttainment.Conversation;
import io.parley.ticket.lifecycle.SlaAttainment.Figure;
import io.parley.ticket.lifecycle.SlaAttainment.Ticket;
import io.parley.ticket.lifecycle.SlaAttainment.Turn;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlaAttainmentTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final SlaAttainment attainment = new SlaAttainment(TicketPolicy.defaults());

    @Test
    void firstAndNextRepliesAreMeasuredFromTheCustomersTurns() {
        // normal: first reply 5 min, next reply 10 min
        Conversation quick = new Conversation("support", Priority.NORMAL, List.of(
                customer(0), agent(60), customer(120), customer(180), agent(120 + 11 * 60)));
        Conversation slow = new Conversation("support", Priority.NORMAL, List.of(customer(0), agent(6 * 60)));
        Conversation waitingButNotLate = new Conversation(null, Priority.NORMAL, List.of(agent(0), customer(3600)));
        Conversation waitingAndLate = new Conversation(null, Priority.URGENT, List.of(customer(0)));

        List<Figure> figures = attainment.measure("acme", List.of(quick, slow, waitingButNotLate, waitingAndLate),
                List.of(), T0, T0.plus(Duration.ofDays(1)), T0.plusSeconds(3660));

        assertThat(figures).containsExactlyInAnyOrder(
                new Figure("normal", SlaMetric.FIRST_REPLY, 2, 1, 50.0, Duration.ofMinutes(5), 90, false),
                new Figure("normal", SlaMetric.NEXT_REPLY, 1, 0, 0.0, Duration.ofMinutes(10), 90, false),
                new Figure("urgent", SlaMetric.FIRST_REPLY, 1, 0, 0.0, Duration.ofMinutes(1), 90, false));
    }

    @Test
    void resolutionCountsTicketsCreatedInThePeriodOnly() {
        List<Ticket> tickets = List.of(
                new Ticket(null, Priority.HIGH, T0, T0.plus(Duration.ofHours(7))),
                new Ticket(null, Priority.HIGH, T0, T0.plus(Duration.ofHours(9))),
                new Ticket(null, Priority.HIGH, T0, null),
                new Ticket(null, Priority.HIGH, T0.minusSeconds(1), T0));

        List<Figure> figures = attainment.measure("acme", List.of(), tickets, T0, T0.plusSeconds(60),
                T0.plus(Duration.ofHours(10)));

        assertThat(figures).containsExactly(
                new Figure("high", SlaMetric.RESOLUTION, 3, 1, 33.3, Duration.ofHours(8), 90, false));
    }

    private static Turn customer(long second) {
        return new Turn(T0.plusSeconds(second), true);
    }

    private static Turn agent(long second) {
        return new Turn(T0.plusSeconds(second), false);
    }
}
