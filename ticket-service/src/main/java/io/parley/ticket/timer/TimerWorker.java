package io.parley.ticket.timer;

import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent.NoteAdded;
import io.parley.events.state.ConversationState;
import io.parley.ticket.lifecycle.Reaction;
import io.parley.ticket.lifecycle.TimerActions;
import io.parley.ticket.lifecycle.TimerKind;
import io.parley.ticket.projection.ConversationRow;
import io.parley.ticket.projection.StateJson;
import io.parley.ticket.publish.EventPublisher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Fires due timers. Each poll claims due rows with {@code FOR UPDATE SKIP LOCKED} and a short lease, so several
 * instances share the work without firing a timer twice at once; the events are appended (deterministic ids, so a
 * crash between append and bookkeeping only appends duplicates every fold ignores) and the rows marked fired.
 */
@ApplicationScoped
public class TimerWorker {

    static final Duration LEASE = Duration.ofSeconds(30);
    static final int BATCH = 100;
    private static final String CLAIM = """
            SELECT * FROM timers
            WHERE due_at <= :now AND (fired_due_at IS NULL OR fired_due_at <> due_at)
              AND (lease_until IS NULL OR lease_until < :now)
            ORDER BY due_at LIMIT :batch
            FOR UPDATE SKIP LOCKED""";
    /** Only the due time that fired is marked: a timer re-planned meanwhile stays armed for its new time. */
    private static final String MARK_FIRED = "update timers set lease_until = null,"
            + " fired_due_at = case when due_at = :due then due_at else fired_due_at end where id = :id";
    private static final String DELETE_CALLBACK = "delete from timers where id = :id";
    private static final String RELEASE = "update timers set lease_until = null where id = :id";

    @Inject
    Clock clock;

    @Inject
    TimerActions actions;

    @Inject
    EventPublisher publisher;

    /** A claimed timer and what it appends; not {@code decided} while its conversation is missing (mid-rebuild). */
    record Firing(String timerId, String kind, Instant dueAt, boolean decided, List<Event> events) {
    }

    /** Not while the application starts or stops: during shutdown the database pool is already closed. */
    @Scheduled(every = "${parley.timers.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public Uni<Void> fireDueTimers() {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> claim(now))
                .flatMap(firings -> publisher.appendAll(firings.stream().flatMap(f -> f.events().stream()).toList())
                        .flatMap(ignored -> Panache.withTransaction(() -> markFired(firings))));
    }

    private Uni<List<Firing>> claim(Instant now) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(CLAIM, TimerRow.class)
                        .setParameter("now", now)
                        .setParameter("batch", BATCH)
                        .getResultList())
                .flatMap(rows -> {
                    Uni<List<Firing>> chain = Uni.createFrom().item(new ArrayList<>());
                    for (TimerRow row : rows) {
                        row.leaseUntil = now.plus(LEASE);
                        chain = chain.flatMap(firings -> firing(row, now).map(firing -> {
                            firings.add(firing);
                            return firings;
                        }));
                    }
                    return chain;
                });
    }

    private Uni<Firing> firing(TimerRow row, Instant now) {
        return ConversationRow.<ConversationRow>findById(row.conversationId).map(conversation -> {
            if (conversation == null) {
                return new Firing(row.id, row.kind, row.dueAt, false, List.of());
            }
            ConversationState state = StateJson.read(conversation.state);
            List<Reaction> reactions = TimerKind.isCallback(row.kind)
                    ? List.of(new Reaction(row.kind, new NoteAdded(null, row.payload, null)))
                    : actions.fire(row.kind, state, now);
            List<Event> events = reactions.stream()
                    .map(reaction -> reaction.toEvent(state.conversationId(), state.tenant(), null, now))
                    .toList();
            return new Firing(row.id, row.kind, row.dueAt, true, events);
        });
    }

    /** In id order, like the projection's timer updates, so that the two never deadlock. */
    private Uni<Void> markFired(List<Firing> firings) {
        return Panache.getSession().flatMap(session -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Firing firing : firings.stream().sorted(Comparator.comparing(Firing::timerId)).toList()) {
                chain = chain.flatMap(ignored -> bookkeeping(session, firing).replaceWithVoid());
            }
            return chain;
        });
    }

    private static Uni<Integer> bookkeeping(Mutiny.Session session, Firing firing) {
        if (!firing.decided()) {
            return session.createNativeQuery(RELEASE).setParameter("id", firing.timerId()).executeUpdate();
        }
        if (TimerKind.isCallback(firing.kind())) {
            return session.createNativeQuery(DELETE_CALLBACK).setParameter("id", firing.timerId()).executeUpdate();
        }
        return session.createNativeQuery(MARK_FIRED).setParameter("id", firing.timerId())
                .setParameter("due", firing.dueAt()).executeUpdate();
    }
}
