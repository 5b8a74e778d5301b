package io.parley.ticket.timer;

import io.parley.events.conversation.ConversationEvent.CallbackScheduled;
import io.parley.events.state.ConversationState;
import io.parley.ticket.lifecycle.TimerKind;
import io.parley.ticket.lifecycle.TimerPlanner;
import io.parley.ticket.projection.Unnest;
import io.parley.ticket.projection.Unnest.Column;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Keeps a conversation's timer rows equal to what {@link TimerPlanner} plans for its state, within the projection's
 * transaction: {@link #load} takes a batch's rows (locked), {@link #replan} and {@link #scheduleCallback} change them
 * in memory, {@link Batch#write} writes the changes, a statement per kind of change.
 */
@ApplicationScoped
public class TimerSchedule {

    // in id order, like the timer worker's updates, so that the two never wait on each other in a circle
    private static final String LOAD = """
            select id, conversation_id, tenant, kind, due_at, fired_due_at, lease_until, payload from timers
            where conversation_id = any(?) order by id for update""";
    private static final String DELETE = "delete from timers where id = any(?)";
    private static final Unnest<TimerRow> INSERT = new Unnest<>("timers", List.of(
            Column.text("id", row -> row.id),
            Column.text("conversation_id", row -> row.conversationId),
            Column.text("tenant", row -> row.tenant),
            Column.text("kind", row -> row.kind),
            Column.time("due_at", row -> row.dueAt),
            Column.text("payload", row -> row.payload)));
    private static final Unnest<Map.Entry<String, Instant>> MOVE = new Unnest<>("timers", List.of(
            Column.text("id", Map.Entry::getKey),
            Column.time("due_at", Map.Entry::getValue)));

    private final TimerPlanner planner;

    TimerSchedule(TimerPlanner planner) {
        this.planner = planner;
    }

    /** A batch's timer rows, by conversation, and the changes the batch makes to them. */
    public static final class Batch {
        private final Map<String, List<TimerRow>> byConversation;
        private final Map<String, TimerRow> byId = new HashMap<>();
        private final Map<String, TimerRow> inserted = new LinkedHashMap<>();
        private final Map<String, Instant> moved = new TreeMap<>();
        private final TreeSet<String> deleted = new TreeSet<>();

        Batch(Map<String, List<TimerRow>> byConversation) {
            this.byConversation = byConversation;
            byConversation.values().forEach(rows -> rows.forEach(row -> byId.put(row.id, row)));
        }

        /** Deletes first, then due times in id order, then new rows: each one statement. */
        public void write(Connection connection) throws SQLException {
            if (!deleted.isEmpty()) {
                try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
                    delete.setArray(1, Unnest.texts(connection, deleted));
                    delete.executeUpdate();
                }
            }
            MOVE.update(connection, moved.entrySet(), List.of("id"));
            INSERT.insert(connection, inserted.values(), "");
        }

        private void insert(TimerRow row) {
            inserted.put(row.id, row);
            byId.put(row.id, row);
        }
    }

    /** The timer rows of these conversations, locked in id order, for {@link #replan}. */
    public Batch load(Connection connection, Collection<String> conversationIds) throws SQLException {
        Map<String, List<TimerRow>> byConversation = new HashMap<>();
        Unnest.query(connection, LOAD, rows -> {
            TimerRow row = new TimerRow();
            row.id = rows.getString(1);
            row.conversationId = rows.getString(2);
            row.tenant = rows.getString(3);
            row.kind = rows.getString(4);
            row.dueAt = Unnest.instant(rows, 5);
            row.firedDueAt = Unnest.instant(rows, 6);
            row.leaseUntil = Unnest.instant(rows, 7);
            row.payload = rows.getString(8);
            byConversation.computeIfAbsent(row.conversationId, id -> new ArrayList<>()).add(row);
        }, conversationIds);
        return new Batch(byConversation);
    }

    /**
     * Makes the conversation's timer rows (as {@link #load} found them) what the plan for {@code state} says: a
     * timer no longer planned is deleted (a callback stays until it fires), a planned one is moved to its due time or
     * added.
     */
    public void replan(ConversationState state, Batch batch) {
        Map<String, Instant> planned = planner.plan(state);
        List<TimerRow> rows = batch.byConversation.getOrDefault(state.conversationId(), List.of());
        for (TimerRow row : rows) {
            Instant due = planned.get(row.kind);
            if (due == null && !TimerKind.isCallback(row.kind)) {
                batch.deleted.add(row.id);
            } else if (due != null && !due.equals(row.dueAt)) {
                row.dueAt = due;
                batch.moved.put(row.id, due);
            }
        }
        planned.forEach((kind, due) -> {
            if (rows.stream().noneMatch(row -> row.kind.equals(kind))) {
                batch.insert(newTimer(state, kind, due, null));
            }
        });
    }

    /** A callback reminder, due when the callback is; the timer fires a note to the agent. */
    public void scheduleCallback(ConversationState state, String eventId, CallbackScheduled callback, Batch batch) {
        if (callback.at() == null) {
            return;
        }
        String kind = TimerKind.CALLBACK_PREFIX + eventId;
        if (batch.byId.containsKey(TimerRow.idOf(state.conversationId(), kind))) {
            return;
        }
        String payload = "Callback due: call " + (callback.phone() == null ? "the customer" : callback.phone())
                + (callback.agentId() == null ? "" : " (" + callback.agentId() + ")");
        batch.insert(newTimer(state, kind, callback.at(), payload));
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
}
