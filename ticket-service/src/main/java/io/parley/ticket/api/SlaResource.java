package io.parley.ticket.api;

import io.parley.edge.auth.Caller;
import io.parley.edge.problem.ApiErrors;
import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.conversation.ConversationEvent.SlaMetric;
import io.parley.ticket.lifecycle.SlaAttainment;
import io.parley.ticket.lifecycle.SlaAttainment.Conversation;
import io.parley.ticket.lifecycle.SlaAttainment.Figure;
import io.parley.ticket.lifecycle.SlaAttainment.Ticket;
import io.parley.ticket.lifecycle.SlaAttainment.Turn;
import io.parley.ticket.projection.ConversationRow;
import io.parley.ticket.projection.MessageRow;
import io.parley.ticket.projection.TicketRow;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** How well the caller's tenant kept its SLA policies, computed from the projection. */
@Path("/api/v1/sla")
@RolesAllowed({Caller.AGENT, Caller.ADMIN})
@Tag(name = "sla")
@WithSession
public class SlaResource {

    static final Duration DEFAULT_PERIOD = Duration.ofDays(7);
    private static final String TURNS = "tenant = ?1 and sentAt is not null and authorKind in ('customer', 'agent')"
            + " and conversationId in"
            + " (select c.id from ConversationRow c where c.tenant = ?1 and c.lastActivityAt >= ?2)"
            + " order by conversationId, sentAt, id";

    @Inject
    Caller caller;

    @Inject
    SlaAttainment attainment;

    @Inject
    Clock clock;

    public record Attainment(Instant from, Instant to, List<PolicyFigure> figures) {
    }

    /** {@code target}: {@code goalPercent}% within {@code within} (ISO-8601 duration), in business time or not. */
    public record PolicyFigure(String policy, SlaMetric metric, int measured, int met, double percentMet,
            Target target) {
        static PolicyFigure of(Figure figure) {
            return new PolicyFigure(figure.policy(), figure.metric(), figure.measured(), figure.met(),
                    figure.percentMet(), new Target(figure.goalPercent(), figure.target().toString(),
                            figure.businessHours()));
        }
    }

    public record Target(int percent, String within, boolean businessHours) {
    }

    @GET
    @Path("/attainment")
    @Operation(summary = "Per SLA policy and metric: measured, met, percent met and the target, for clocks started"
            + " in [from, to) (ISO instants; default the last 7 days)")
    public Uni<Attainment> attainment(@QueryParam("from") String fromText, @QueryParam("to") String toText) {
        Instant now = clock.instant();
        Instant to = toText == null ? now : instant("to", toText);
        Instant from = fromText == null ? to.minus(DEFAULT_PERIOD) : instant("from", fromText);
        if (!from.isBefore(to)) {
            throw ApiErrors.badRequest("'from' (" + from + ") must be before 'to' (" + to + ")");
        }
        String tenant = caller.tenant();
        return ConversationRow.<ConversationRow>list("tenant = ?1 and lastActivityAt >= ?2", tenant, from)
                .flatMap(rows -> MessageRow.<MessageRow>list(TURNS, tenant, from).flatMap(messages ->
                        TicketRow.<TicketRow>list("tenant = ?1 and createdAt >= ?2 and createdAt < ?3", tenant,
                                from, to).map(tickets -> {
                                    Map<String, ConversationRow> byId = rows.stream()
                                            .collect(Collectors.toMap(row -> row.id, Function.identity()));
                                    List<Figure> figures = attainment.measure(tenant, conversations(byId, messages),
                                            tickets(byId, tickets), from, to, now);
                                    return new Attainment(from, to, figures.stream().map(PolicyFigure::of).toList());
                                })));
    }

    private static List<Conversation> conversations(Map<String, ConversationRow> byId, List<MessageRow> messages) {
        Map<String, List<Turn>> turns = new LinkedHashMap<>();
        for (MessageRow message : messages) {
            turns.computeIfAbsent(message.conversationId, id -> new ArrayList<>())
                    .add(new Turn(message.sentAt, "customer".equals(message.authorKind)));
        }
        List<Conversation> conversations = new ArrayList<>();
        turns.forEach((id, conversationTurns) -> {
            ConversationRow row = byId.get(id);
            conversations.add(new Conversation(row.team, priority(row.priority), conversationTurns));
        });
        return conversations;
    }

    private static List<Ticket> tickets(Map<String, ConversationRow> byId, List<TicketRow> tickets) {
        return tickets.stream().map(ticket -> {
            ConversationRow conversation = byId.get(ticket.conversationId);
            return new Ticket(conversation == null ? null : conversation.team, priority(ticket.priority),
                    ticket.createdAt, ticket.solvedAt);
        }).toList();
    }

    private static Priority priority(String wireName) {
        return Priority.valueOf(wireName.toUpperCase(Locale.ROOT));
    }

    private static Instant instant(String name, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiErrors.badRequest("'" + name + "' is not an ISO instant: write e.g. 2026-11-23T00:00:00Z");
        }
    }
}
