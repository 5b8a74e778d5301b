package io.parley.ticket.projection;

import io.parley.edge.jdbc.JdbcTransaction;
import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent.BotSuggested;
import io.parley.events.conversation.ConversationEvent.CallbackScheduled;
import io.parley.events.conversation.ConversationEvent.CsatReceived;
import io.parley.events.conversation.ConversationEvent.MessageDeleted;
import io.parley.events.conversation.ConversationEvent.MessageDelivery;
import io.parley.events.conversation.ConversationEvent.MessageEdited;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.conversation.ConversationEvent.MessageStatus;
import io.parley.events.conversation.ConversationEvent.NoteAdded;
import io.parley.events.conversation.ConversationEvent.TicketCreated;
import io.parley.events.conversation.ConversationEvent;
import io.parley.events.conversation.ConversationStatus;
import io.parley.events.ids.ConversationId;
import io.parley.events.ids.EventIds;
import io.parley.events.sla.Priorities;
import io.parley.events.state.ConversationFold;
import io.parley.events.state.ConversationState;
import io.parley.ticket.lifecycle.Reaction;
import io.parley.ticket.lifecycle.Reactions;
import io.parley.ticket.lifecycle.TicketStatus;
import io.parley.ticket.timer.TimerSchedule;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Projects events of the log into the tables, a batch in one transaction with their {@code processed_events} rows:
 * an event id seen before changes nothing. The batch's conversations are taken in id order (so that two writers, the
 * live consumer and a rebuild, lock them in the same order and never deadlock), each locked once and its events folded
 * in their log order; its row and its timers are written once, from the state after its last event. Returns, per
 * event id, the events this service reacts with, for the caller to append once committed. They are kept with the
 * claim, so an event seen before returns them again: an append that did not happen after the commit happens on
 * redelivery, with the same ids.
 */
@ApplicationScoped
public class Projector {

    private final DataSource dataSource;
    private final Reactions reactions;
    private final TimerSchedule timers;

    Projector(DataSource dataSource, Reactions reactions, TimerSchedule timers) {
        this.dataSource = dataSource;
        this.reactions = reactions;
        this.timers = timers;
    }

    /** Projects one event in its own transaction; answers its reactions. */
    public List<Event> project(Event event) throws SQLException {
        return project(List.of(event)).getOrDefault(event.id(), List.of());
    }

    /**
     * Projects {@code events} in one transaction; answers each projected event's reactions by its id, in batch order
     * within each conversation. Events of other streams are skipped. Blocks: call it off the event loop.
     * <p>
     * A handful of statements per batch rather than per event ({@link BatchRows}): the conversations are ensured and
     * locked in one statement each (in id order), the events claimed in one, the rows they touch loaded in one query
     * per table, and the changes written at the end in one statement per table and kind of change.
     */
    public Map<String, List<Event>> project(List<Event> events) throws SQLException {
        Map<String, List<Event>> byConversation = new TreeMap<>();
        Map<String, Event> distinct = new LinkedHashMap<>();
        for (Event event : events) {
            if (event.data() instanceof ConversationEvent) {
                byConversation.computeIfAbsent(event.subject(), subject -> new ArrayList<>()).add(event);
                distinct.putIfAbsent(event.id(), event);
            }
        }
        if (byConversation.isEmpty()) {
            return Map.of();
        }
        return JdbcTransaction.run(dataSource, connection -> project(new BatchRows(connection), byConversation,
                distinct.values()));
    }

    private Map<String, List<Event>> project(BatchRows rows, Map<String, List<Event>> byConversation,
                                             Collection<Event> distinct) throws SQLException {
        List<String> conversationIds = List.copyOf(byConversation.keySet());
        rows.lockConversations(byConversation.values().stream().map(conversation -> conversation.get(0)).toList());
        Set<String> claimed = rows.claim(distinct);
        rows.loadMessages(conversationIds, distinct.stream()
                .filter(event -> claimed.contains(event.id()))
                .map(event -> messageIdOf((ConversationEvent) event.data(),
                        ConversationId.parse(event.subject()).channel()))
                .filter(Objects::nonNull)
                .distinct()
                .toList());
        rows.loadSuggestionsAndTickets(conversationIds);
        TimerSchedule.Batch timerRows = timers.load(rows.connection(), conversationIds);
        Map<String, String> kept = rows.keptReactions(distinct.stream().map(Event::id)
                .filter(id -> !claimed.contains(id)).toList());
        Map<String, List<Event>> reactionsById = new LinkedHashMap<>();
        for (List<Event> conversation : byConversation.values()) {
            projectConversation(rows, rows.conversation(conversation.get(0).subject()), conversation, claimed, kept,
                    timerRows, reactionsById);
        }
        rows.write();
        timerRows.write(rows.connection());
        return reactionsById;
    }

    /** One conversation's events of the batch, in order, under its row lock. */
    private void projectConversation(BatchRows rows, ConversationRow row, List<Event> events, Set<String> claimed,
                                     Map<String, String> kept, TimerSchedule.Batch timerRows,
                                     Map<String, List<Event>> reactionsById) {
        ConversationState state = row.state.isEmpty() ? ConversationState.initial(row.id) : StateJson.read(row.state);
        boolean changed = false;
        for (Event event : events) {
            if (reactionsById.containsKey(event.id())) {
                continue; // twice in the batch: its reactions are known
            }
            if (claimed.contains(event.id())) {
                ConversationState before = state;
                state = ConversationFold.evolve(before, event);
                changed = true;
                List<Event> caused = apply(rows, timerRows, before, state, event);
                if (!caused.isEmpty()) {
                    rows.keepReactions(event.id(), ReactionsJson.write(caused));
                }
                reactionsById.put(event.id(), caused);
            } else {
                reactionsById.put(event.id(), ReactionsJson.read(kept.get(event.id())));
            }
        }
        if (changed) {
            ConversationColumns.fill(row, state);
            rows.changed(row);
            timers.replan(state, timerRows);
        }
    }

    /** Writes the rows {@code event} adds or changes; answers its reactions. */
    private List<Event> apply(BatchRows rows, TimerSchedule.Batch timerRows, ConversationState before,
                              ConversationState after, Event event) {
        projectRows(rows, timerRows, event, after);
        projectTicket(rows, before, after, event);
        return reactions.react(before, after, event).stream()
                .map(reaction -> reactionEvent(reaction, after, event))
                .toList();
    }

    /** Reactions come just after their cause, so that they fold after it whatever their ids. */
    private static Event reactionEvent(Reaction reaction, ConversationState state, Event cause) {
        return reaction.toEvent(state.conversationId(), state.tenant(), cause.id(), cause.time().plusMillis(1));
    }

    private void projectRows(BatchRows rows, TimerSchedule.Batch timerRows, Event event, ConversationState state) {
        ConversationEvent data = (ConversationEvent) event.data();
        if (data instanceof MessageReceived received) {
            upsertMessage(rows, messageIdOf(data, state.channel()), state, message -> {
                message.direction = "inbound";
                message.authorKind = "customer";
                message.authorId = received.contact() == null ? null : received.contact().channelUserId();
                message.channelMessageId = received.channelMessageId();
                message.replyTo = received.replyToChannelMessageId();
                message.sentAt = received.receivedAt() != null ? received.receivedAt() : event.time();
                MessageContent.fill(message, received.content());
            });
        } else if (data instanceof MessageOutbound outbound) {
            upsertMessage(rows, messageIdOf(data, state.channel()), state, message -> {
                message.direction = "outbound";
                message.authorKind = outbound.author() == null ? null : wire(outbound.author().kind());
                message.authorId = outbound.author() == null ? null : outbound.author().id();
                message.replyTo = outbound.replyToChannelMessageId();
                if (outbound.channelMessageId() != null) {
                    message.channelMessageId = outbound.channelMessageId();
                }
                message.sentAt = event.time();
                MessageContent.fill(message, outbound.content());
            });
        } else if (data instanceof MessageDelivery delivery) {
            upsertMessage(rows, messageIdOf(data, state.channel()), state, message -> {
                message.deliveryOutcome = wire(delivery.outcome());
                if (delivery.channelMessageId() != null) {
                    message.channelMessageId = delivery.channelMessageId();
                }
                message.deliveryError = delivery.error() == null ? null : delivery.error().title();
            });
        } else if (data instanceof MessageStatus status) {
            MessageStatusRow row = new MessageStatusRow();
            row.eventId = event.id();
            row.conversationId = state.conversationId();
            row.channelMessageId = status.channelMessageId();
            row.status = status.status() == null ? "unknown" : wire(status.status());
            row.error = status.error() == null ? null : status.error().title();
            row.at = event.time();
            rows.addStatus(row);
        } else if (data instanceof MessageEdited edited) {
            upsertMessage(rows, messageIdOf(data, state.channel()), state, message -> {
                message.channelMessageId = edited.channelMessageId();
                if (message.editedAt == null || event.time().isAfter(message.editedAt)) {
                    message.editedAt = event.time();
                    message.editedText = edited.content() == null ? null : edited.content().readableText();
                }
            });
        } else if (data instanceof MessageDeleted deleted) {
            upsertMessage(rows, messageIdOf(data, state.channel()), state, message -> {
                message.channelMessageId = deleted.channelMessageId();
                message.deleted = true;
            });
        } else if (data instanceof NoteAdded note) {
            NoteRow row = new NoteRow();
            row.id = note.noteId() != null ? note.noteId() : event.id();
            row.conversationId = state.conversationId();
            row.tenant = state.tenant();
            row.agentId = note.agentId();
            row.text = note.text() == null ? "" : note.text();
            row.createdAt = event.time();
            rows.addNote(row);
        } else if (data instanceof CsatReceived csat) {
            CsatRow row = new CsatRow();
            row.eventId = event.id();
            row.conversationId = state.conversationId();
            row.tenant = state.tenant();
            row.score = csat.score();
            row.comment = csat.comment();
            row.receivedAt = event.time();
            rows.addCsat(row);
        } else if (data instanceof BotSuggested suggested) {
            SuggestionRow found = rows.suggestion(state.conversationId());
            if (found == null || isLater(event, found.suggestedAt, found.eventId)) {
                SuggestionRow row = found != null ? found : new SuggestionRow();
                row.conversationId = state.conversationId();
                row.tenant = state.tenant();
                row.forChannelMessageId = suggested.forChannelMessageId();
                row.suggestions = StateJson.json(suggested.suggestions());
                row.suggestedAt = event.time();
                row.eventId = event.id();
                rows.putSuggestion(row);
            }
        } else if (data instanceof CallbackScheduled callback) {
            timers.scheduleCallback(state, event.id(), callback, timerRows);
        }
    }

    private void projectTicket(BatchRows rows, ConversationState before, ConversationState after, Event event) {
        if (after.ticket() == null) {
            return;
        }
        TicketCreated created = after.ticket().value();
        boolean oldTicketStaysDone = reactions.startsNewTicket(before, event);
        ScopedId key = new ScopedId(after.tenant(), after.conversationId(), created.ticketId());
        TicketRow found = rows.ticket(key);
        TicketRow ticket = found != null ? found : new TicketRow();
        if (found == null) {
            ticket.id = created.ticketId();
            ticket.conversationId = after.conversationId();
            ticket.tenant = after.tenant();
            ticket.subject = created.subject();
            ticket.priority = Priorities.wireName(Priorities.of(after));
            ticket.origin = created.origin();
            ticket.createdAt = after.ticket().stamp().time();
        }
        if (!oldTicketStaysDone) {
            TicketStatus status = TicketStatus.of(after);
            ticket.status = status.wireName();
            ticket.solvedAt = after.status() == ConversationStatus.SOLVED
                    ? after.statusChange().stamp().time() : null;
        }
        rows.putTicket(key, ticket);
    }

    /** The id of the message row an event writes, or null for events that write none. */
    private static String messageIdOf(ConversationEvent data, Channel channel) {
        if (data instanceof MessageReceived received) {
            return EventIds.forChannelMessage(channel, received.channelMessageId());
        }
        if (data instanceof MessageOutbound outbound) {
            return outbound.messageId();
        }
        if (data instanceof MessageDelivery delivery) {
            return delivery.messageId();
        }
        if (data instanceof MessageEdited edited) {
            return EventIds.forChannelMessage(channel, edited.channelMessageId());
        }
        if (data instanceof MessageDeleted deleted) {
            return EventIds.forChannelMessage(channel, deleted.channelMessageId());
        }
        return null;
    }

    /** The message {@code id} of this conversation: the same id in another tenant or conversation is another row. */
    private static void upsertMessage(BatchRows rows, String id, ConversationState state, Consumer<MessageRow> change) {
        change.accept(rows.message(new ScopedId(state.tenant(), state.conversationId(), id)));
    }

    private static boolean isLater(Event event, Instant time, String eventId) {
        int byTime = event.time().compareTo(time);
        return byTime > 0 || byTime == 0 && event.id().compareTo(eventId) > 0;
    }

    static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
