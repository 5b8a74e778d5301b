package io.parley.ticket.timer;

import io.parley.events.conversation.ConversationEvent.CallbackScheduled;
import io.parley.events.state.ConversationState;
import io.parley.ticket.lifecycle.TimerKind;
import io.parley.ticket.lifecycle.TimerPlanner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Keeps a conversation's timer rows equal to what {@link TimerPlanner} plans for its state. */
@ApplicationScoped
public class TimerSchedule {

    @Inject
    TimerPlanner planner;

    /** The timer rows of these conversations, by conversation, in id order; for {@link #replan}. */
    public Uni<Map<String, List<TimerRow>>> load(Collection<String> conversationIds) {
        // in id order, like the timer worker, so that the two never deadlock
        return TimerRow.<TimerRow>list("conversationId in ?1 order by id", conversationIds).map(rows -> {
            Map<String, List<TimerRow>> byConversation = new HashMap<>();
            rows.forEach(row -> byConversation.computeIfAbsent(row.conversationId, id -> new ArrayList<>()).add(row));
            return byConversation;
        });
    }

    /**
     * Makes the conversation's timer rows ({@code rows}, from {@link #load}) what the plan for {@code state} says.
     * Runs inside the projection's transaction.
     */
    public Uni<Void> replan(ConversationState state, List<TimerRow> rows) {
        Map<String, Instant> planned = planner.plan(state);
        List<Uni<?>> changes = new ArrayList<>();
        for (TimerRow row : rows) {
            Instant due = planned.get(row.kind);
            if (due == null && !TimerKind.isCallback(row.kind)) {
                changes.add(row.delete());
            } else if (due != null) {
                row.dueAt = due;
            }
        }
        planned.forEach((kind, due) -> {
            if (rows.stream().noneMatch(row -> row.kind.equals(kind))) {
                changes.add(newTimer(state, kind, due, null).persist());
            }
        });
        return sequentially(changes);
    }

    /** A callback reminder, due when the callback is; the timer fires a note to the agent. */
    public Uni<Void> scheduleCallback(ConversationState state, String eventId, CallbackScheduled callback) {
        if (callback.at() == null) {
            return Uni.createFrom().voidItem();
        }
        String kind = TimerKind.CALLBACK_PREFIX + eventId;
        String payload = "Callback due: call " + (callback.phone() == null ? "the customer" : callback.phone())
                + (callback.agentId() == null ? "" : " (" + callback.agentId() + ")");
        return TimerRow.findById(TimerRow.idOf(state.conversationId(), kind)).flatMap(found -> found != null
                ? Uni.createFrom().voidItem()
                : newTimer(state, kind, callback.at(), payload).persist().replaceWithVoid());
    }

    private static TimerRow newTimer(ConversationState state, String kind, Instant due, String payload) {
        TimerRow row = new TimerRow();
        row.id = TimerRow.idOf(state.conversationId(), kind);
        row.conversationId = state.conversationId();
        row.tenant = state.tenant();
        row.kind = kind;
        row.dueAt = due;
        row.payload = payload;
        return row;
    }

    /** One session allows one operation at a time. */
    private static Uni<Void> sequentially(List<Uni<?>> operations) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Uni<?> operation : operations) {
            chain = chain.flatMap(ignored -> operation.replaceWithVoid());
        }
        return chain;
    }
}
