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
import java.util.List;
import java.util.Map;

/** Keeps a conversation's timer rows equal to what {@link TimerPlanner} plans for its state. */
@ApplicationScoped
public class TimerSchedule {

    @Inject
    TimerPlanner planner;

    /** Runs inside the projection's transaction. */
    public Uni<Void> replan(ConversationState state) {
        Map<String, Instant> planned = planner.plan(state);
        // in id order, like the timer worker, so that the two never deadlock
        return TimerRow.<TimerRow>list("conversationId = ?1 order by id", state.conversationId()).flatMap(rows -> {
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
        });
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
