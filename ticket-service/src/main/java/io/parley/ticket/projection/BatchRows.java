package io.parley.ticket.projection;

import io.parley.events.Event;
import io.parley.events.ids.ConversationId;
import io.parley.ticket.projection.Unnest.Column;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The projection rows one batch reads and writes, in one transaction on one connection: read with a query per table,
 * changed in memory by {@link Projector}, written at the end with a statement per table and kind of change
 * ({@link Unnest}). What the ORM did per row (a managed entity, a dirty check, a bound statement) is a few statements
 * per batch here.
 */
final class BatchRows {

    /** Bare rows to lock, so that two writers (the live consumer and a rebuild) serialise on a new conversation. */
    private static final Unnest<Event> ENSURE_CONVERSATIONS = new Unnest<>("conversations", List.of(
            Column.text("id", Event::subject),
            Column.text("tenant", Event::tenant),
            Column.text("channel", event -> ConversationId.parse(event.subject()).channel().wireName()),
            Column.text("status", event -> "bot"),
            Column.text("mode", event -> "bot"),
            Column.text("priority", event -> "normal"),
            Column.text("labels", event -> ","),
            Column.time("last_activity_at", Event::time),
            Column.text("state", event -> "")));
    private static final String CONVERSATION_COLUMNS = """
            id, tenant, channel, contact_user_id, contact_name, contact_phone, status, mode, assignee, team,
            queue_position, priority, language, labels, ticket_id, last_customer_message_at, last_agent_message_at,
            awaiting_reply_since, last_activity_at, csat_score, state""";
    private static final String LOCK_CONVERSATIONS = "select " + CONVERSATION_COLUMNS
            + " from conversations where id = any(?) order by id for update";
    private static final Unnest<ConversationRow> UPDATE_CONVERSATIONS = new Unnest<>("conversations", List.of(
            Column.text("id", row -> row.id),
            Column.text("tenant", row -> row.tenant),
            Column.text("channel", row -> row.channel),
            Column.text("contact_user_id", row -> row.contactUserId),
            Column.text("contact_name", row -> row.contactName),
            Column.text("contact_phone", row -> row.contactPhone),
            Column.text("status", row -> row.status),
            Column.text("mode", row -> row.mode),
            Column.text("assignee", row -> row.assignee),
            Column.text("team", row -> row.team),
            new Column<>("queue_position", "integer", row -> row.queuePosition),
            Column.text("priority", row -> row.priority),
            Column.text("language", row -> row.language),
            Column.text("labels", row -> row.labels),
            Column.text("ticket_id", row -> row.ticketId),
            Column.time("last_customer_message_at", row -> row.lastCustomerMessageAt),
            Column.time("last_agent_message_at", row -> row.lastAgentMessageAt),
            Column.time("awaiting_reply_since", row -> row.awaitingReplySince),
            Column.time("last_activity_at", row -> row.lastActivityAt),
            new Column<>("csat_score", "integer", row -> row.csatScore),
            Column.text("state", row -> row.state)));

    /** Answers the ids claimed now; the others were projected before. */
    private static final String CLAIM_EVENTS = """
            insert into processed_events (event_id, conversation_id) select * from unnest(?::text[], ?::text[])
            on conflict do nothing returning event_id""";
    private static final String KEPT_REACTIONS = "select event_id, reactions from processed_events where event_id = any(?)";
    private static final Unnest<Map.Entry<String, String>> KEEP_REACTIONS = new Unnest<>("processed_events", List.of(
            Column.text("event_id", Map.Entry::getKey),
            Column.text("reactions", Map.Entry::getValue)));

    private static final String MESSAGE_COLUMNS = """
            id, conversation_id, tenant, direction, author_kind, author_id, kind, text, content, channel_message_id,
            reply_to, delivery_outcome, delivery_error, edited_text, edited_at, deleted, sent_at""";
    private static final String LOAD_MESSAGES = "select " + MESSAGE_COLUMNS
            + " from messages where conversation_id = any(?) and id = any(?)";
    private static final Unnest<MessageRow> MESSAGES = new Unnest<>("messages", List.of(
            Column.text("id", row -> row.id),
            Column.text("conversation_id", row -> row.conversationId),
            Column.text("tenant", row -> row.tenant),
            Column.text("direction", row -> row.direction),
            Column.text("author_kind", row -> row.authorKind),
            Column.text("author_id", row -> row.authorId),
            Column.text("kind", row -> row.kind),
            Column.text("text", row -> row.text),
            Column.text("content", row -> row.content),
            Column.text("channel_message_id", row -> row.channelMessageId),
            Column.text("reply_to", row -> row.replyTo),
            Column.text("delivery_outcome", row -> row.deliveryOutcome),
            Column.text("delivery_error", row -> row.deliveryError),
            Column.text("edited_text", row -> row.editedText),
            Column.time("edited_at", row -> row.editedAt),
            new Column<>("deleted", "boolean", row -> row.deleted),
            Column.time("sent_at", row -> row.sentAt)));
    private static final List<String> SCOPED_KEY = List.of("tenant", "conversation_id", "id");

    private static final Unnest<MessageStatusRow> STATUSES = new Unnest<>("message_statuses", List.of(
            Column.text("event_id", row -> row.eventId),
            Column.text("conversation_id", row -> row.conversationId),
            Column.text("channel_message_id", row -> row.channelMessageId),
            Column.text("status", row -> row.status),
            Column.text("error", row -> row.error),
            Column.time("at", row -> row.at)));
    private static final Unnest<NoteRow> NOTES = new Unnest<>("notes", List.of(
            Column.text("id", row -> row.id),
            Column.text("conversation_id", row -> row.conversationId),
            Column.text("tenant", row -> row.tenant),
            Column.text("agent_id", row -> row.agentId),
            Column.text("text", row -> row.text),
            Column.time("created_at", row -> row.createdAt)));
    private static final Unnest<CsatRow> CSAT = new Unnest<>("csat_responses", List.of(
            Column.text("event_id", row -> row.eventId),
            Column.text("conversation_id", row -> row.conversationId),
            Column.text("tenant", row -> row.tenant),
            new Column<>("score", "integer", row -> row.score),
            Column.text("comment", row -> row.comment),
            Column.time("received_at", row -> row.receivedAt)));

    private static final String LOAD_SUGGESTIONS = """
            select conversation_id, tenant, for_channel_message_id, suggestions, suggested_at, event_id
            from suggestions where conversation_id = any(?)""";
    private static final Unnest<SuggestionRow> SUGGESTIONS = new Unnest<>("suggestions", List.of(
            Column.text("conversation_id", row -> row.conversationId),
            Column.text("tenant", row -> row.tenant),
            Column.text("for_channel_message_id", row -> row.forChannelMessageId),
            Column.text("suggestions", row -> row.suggestions),
            Column.time("suggested_at", row -> row.suggestedAt),
            Column.text("event_id", row -> row.eventId)));

    /**
     * By the key's prefix (tenant, conversation): the table has no index on the conversation alone, so a read by
     * {@code conversation_id = any(?)} scanned every ticket of every tenant.
     */
    private static final String LOAD_TICKETS = """
            select id, conversation_id, tenant, subject, priority, origin, status, created_at, solved_at
            from tickets where (tenant, conversation_id) in (select * from unnest(?::text[], ?::text[]))""";
    private static final Unnest<TicketRow> TICKETS = new Unnest<>("tickets", List.of(
            Column.text("id", row -> row.id),
            Column.text("conversation_id", row -> row.conversationId),
            Column.text("tenant", row -> row.tenant),
            Column.text("subject", row -> row.subject),
            Column.text("priority", row -> row.priority),
            Column.text("origin", row -> row.origin),
            Column.text("status", row -> row.status),
            Column.time("created_at", row -> row.createdAt),
            Column.time("solved_at", row -> row.solvedAt)));

    private final Connection connection;
    private final Map<String, ConversationRow> conversations = new HashMap<>();
    private final List<ConversationRow> changedConversations = new ArrayList<>();
    private final Map<ScopedId, MessageRow> messages = new HashMap<>();
    private final Map<ScopedId, MessageRow> newMessages = new LinkedHashMap<>();
    private final Map<ScopedId, MessageRow> changedMessages = new LinkedHashMap<>();
    private final List<MessageStatusRow> statuses = new ArrayList<>();
    private final Map<ScopedId, NoteRow> notes = new LinkedHashMap<>();
    private final List<CsatRow> csat = new ArrayList<>();
    private final Map<String, SuggestionRow> suggestions = new HashMap<>();
    private final Map<String, SuggestionRow> newSuggestions = new LinkedHashMap<>();
    private final Map<String, SuggestionRow> changedSuggestions = new LinkedHashMap<>();
    private final Map<ScopedId, TicketRow> tickets = new HashMap<>();
    private final Map<ScopedId, TicketRow> newTickets = new LinkedHashMap<>();
    private final Map<ScopedId, TicketRow> changedTickets = new LinkedHashMap<>();
    private final Map<String, String> keptReactions = new LinkedHashMap<>();

    BatchRows(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    /**
     * Ensures a row for every conversation of {@code firsts} (each conversation's first event of the batch, in id
     * order) and locks them all, in id order, so that two writers never deadlock.
     */
    void lockConversations(List<Event> firsts) throws SQLException {
        ENSURE_CONVERSATIONS.insert(connection, firsts, "on conflict do nothing");
        Unnest.query(connection, LOCK_CONVERSATIONS, rows -> {
            ConversationRow row = conversationRow(rows);
            conversations.put(row.id, row);
        }, firsts.stream().map(Event::subject).toList());
    }

    ConversationRow conversation(String id) {
        return conversations.get(id);
    }

    /** Claims every event; answers the ids claimed now (the others were projected before). */
    Set<String> claim(Collection<Event> events) throws SQLException {
        Set<String> claimed = new HashSet<>();
        Unnest.query(connection, CLAIM_EVENTS, rows -> claimed.add(rows.getString(1)),
                events.stream().map(Event::id).toList(), events.stream().map(Event::subject).toList());
        return claimed;
    }

    /** The reactions kept with the claims of these events (projected before), JSON by event id. */
    Map<String, String> keptReactions(Collection<String> eventIds) throws SQLException {
        Map<String, String> kept = new HashMap<>();
        if (eventIds.isEmpty()) {
            return kept;
        }
        Unnest.query(connection, KEPT_REACTIONS, rows -> kept.put(rows.getString(1), rows.getString(2)), eventIds);
        return kept;
    }

    /** Keeps a claimed event's reactions (JSON) with its claim. */
    void keepReactions(String eventId, String reactions) {
        keptReactions.put(eventId, reactions);
    }

    /** Loads the existing messages with these ids in these conversations, in one query. */
    void loadMessages(Collection<String> conversationIds, Collection<String> messageIds) throws SQLException {
        if (messageIds.isEmpty()) {
            return;
        }
        Unnest.query(connection, LOAD_MESSAGES, rows -> {
            MessageRow row = messageRow(rows);
            messages.put(new ScopedId(row.tenant, row.conversationId, row.id), row);
        }, conversationIds, messageIds);
    }

    /** Loads the suggestions and tickets of these conversations (locked before), a query each. */
    void loadSuggestionsAndTickets(Collection<String> conversationIds) throws SQLException {
        Unnest.query(connection, LOAD_SUGGESTIONS, rows -> {
            SuggestionRow row = new SuggestionRow();
            row.conversationId = rows.getString(1);
            row.tenant = rows.getString(2);
            row.forChannelMessageId = rows.getString(3);
            row.suggestions = rows.getString(4);
            row.suggestedAt = Unnest.instant(rows, 5);
            row.eventId = rows.getString(6);
            suggestions.put(row.conversationId, row);
        }, conversationIds);
        Unnest.query(connection, LOAD_TICKETS, rows -> {
            TicketRow row = new TicketRow();
            row.id = rows.getString(1);
            row.conversationId = rows.getString(2);
            row.tenant = rows.getString(3);
            row.subject = rows.getString(4);
            row.priority = rows.getString(5);
            row.origin = rows.getString(6);
            row.status = rows.getString(7);
            row.createdAt = Unnest.instant(rows, 8);
            row.solvedAt = Unnest.instant(rows, 9);
            tickets.put(new ScopedId(row.tenant, row.conversationId, row.id), row);
        }, conversationIds.stream().map(id -> conversations.get(id).tenant).toList(), conversationIds);
    }

    /** The message {@code key}, loaded or added earlier in the batch, or a new row; written at the end either way. */
    MessageRow message(ScopedId key) {
        MessageRow found = messages.get(key);
        if (found != null) {
            if (!newMessages.containsKey(key)) {
                changedMessages.put(key, found);
            }
            return found;
        }
        MessageRow added = new MessageRow();
        added.id = key.id;
        added.conversationId = key.conversationId;
        added.tenant = key.tenant;
        messages.put(key, added);
        newMessages.put(key, added);
        return added;
    }

    void addStatus(MessageStatusRow row) {
        statuses.add(row);
    }

    /** A note is written once: the first with its id wins, here and against the table. */
    void addNote(NoteRow row) {
        notes.putIfAbsent(new ScopedId(row.tenant, row.conversationId, row.id), row);
    }

    void addCsat(CsatRow row) {
        csat.add(row);
    }

    SuggestionRow suggestion(String conversationId) {
        return suggestions.get(conversationId);
    }

    /** Writes {@code row} as the conversation's suggestions, new or replacing the one {@link #suggestion} found. */
    void putSuggestion(SuggestionRow row) {
        if (suggestions.put(row.conversationId, row) == null || newSuggestions.containsKey(row.conversationId)) {
            newSuggestions.put(row.conversationId, row);
        } else {
            changedSuggestions.put(row.conversationId, row);
        }
    }

    TicketRow ticket(ScopedId key) {
        return tickets.get(key);
    }

    /** Writes {@code row} (a ticket {@link #ticket} found, or a new one) at the end. */
    void putTicket(ScopedId key, TicketRow row) {
        if (tickets.put(key, row) == null || newTickets.containsKey(key)) {
            newTickets.put(key, row);
        } else {
            changedTickets.put(key, row);
        }
    }

    /** The conversation's row is written at the end (its columns filled from the state by then). */
    void changed(ConversationRow row) {
        changedConversations.add(row);
    }

    /** Writes every change of the batch: a statement per table and kind of change. */
    void write() throws SQLException {
        UPDATE_CONVERSATIONS.update(connection, changedConversations, List.of("id"));
        MESSAGES.insert(connection, newMessages.values(), "");
        MESSAGES.update(connection, changedMessages.values(), SCOPED_KEY);
        STATUSES.insert(connection, statuses, "");
        NOTES.insert(connection, notes.values(), "on conflict do nothing");
        CSAT.insert(connection, csat, "");
        SUGGESTIONS.insert(connection, newSuggestions.values(), "");
        SUGGESTIONS.update(connection, changedSuggestions.values(), List.of("conversation_id"));
        TICKETS.insert(connection, newTickets.values(), "");
        TICKETS.update(connection, changedTickets.values(), SCOPED_KEY);
        KEEP_REACTIONS.update(connection, keptReactions.entrySet(), List.of("event_id"));
    }

    private static ConversationRow conversationRow(ResultSet rows) throws SQLException {
        ConversationRow row = new ConversationRow();
        row.id = rows.getString(1);
        row.tenant = rows.getString(2);
        row.channel = rows.getString(3);
        row.contactUserId = rows.getString(4);
        row.contactName = rows.getString(5);
        row.contactPhone = rows.getString(6);
        row.status = rows.getString(7);
        row.mode = rows.getString(8);
        row.assignee = rows.getString(9);
        row.team = rows.getString(10);
        row.queuePosition = (Integer) rows.getObject(11);
        row.priority = rows.getString(12);
        row.language = rows.getString(13);
        row.labels = rows.getString(14);
        row.ticketId = rows.getString(15);
        row.lastCustomerMessageAt = Unnest.instant(rows, 16);
        row.lastAgentMessageAt = Unnest.instant(rows, 17);
        row.awaitingReplySince = Unnest.instant(rows, 18);
        row.lastActivityAt = Unnest.instant(rows, 19);
        row.csatScore = (Integer) rows.getObject(20);
        row.state = rows.getString(21);
        return row;
    }

    private static MessageRow messageRow(ResultSet rows) throws SQLException {
        MessageRow row = new MessageRow();
        row.id = rows.getString(1);
        row.conversationId = rows.getString(2);
        row.tenant = rows.getString(3);
        row.direction = rows.getString(4);
        row.authorKind = rows.getString(5);
        row.authorId = rows.getString(6);
        row.kind = rows.getString(7);
        row.text = rows.getString(8);
        row.content = rows.getString(9);
        row.channelMessageId = rows.getString(10);
        row.replyTo = rows.getString(11);
        row.deliveryOutcome = rows.getString(12);
        row.deliveryError = rows.getString(13);
        row.editedText = rows.getString(14);
        row.editedAt = Unnest.instant(rows, 15);
        row.deleted = rows.getBoolean(16);
        row.sentAt = Unnest.instant(rows, 17);
        return row;
    }
}
