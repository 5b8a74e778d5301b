package io.parley.ticket.projection;

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
import io.parley.ticket.timer.TimerRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.hibernate.FlushMode;
import org.hibernate.reactive.mutiny.Mutiny;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

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

    @Inject
    Reactions reactions;

    @Inject
    TimerSchedule timers;

    /** Bare rows to lock, so that two writers (the live consumer and a rebuild) serialise on a new conversation. */
    private static final String ENSURE_CONVERSATION = """
            (:id%1$d, :tenant%1$d, :channel%1$d, 'bot', 'bot', 'normal', ',', :time%1$d, '')""";
    private static final String ENSURE_CONVERSATIONS = """
            insert into conversations (id, tenant, channel, status, mode, priority, labels, last_activity_at, state)
            values %s on conflict do nothing""";
    /** Answers the ids claimed now; the others were projected before. */
    private static final String CLAIM_EVENTS = """
            with claimed as (insert into processed_events (event_id, conversation_id) values %s
              on conflict do nothing returning event_id)
            select event_id from claimed""";
    private static final String KEEP_REACTIONS = "update processed_events set reactions = :reactions where event_id = :id";
    private static final String KEPT_REACTIONS = "select reactions from processed_events where event_id = :id";

    /** Projects one event in its own transaction. */
    public Uni<List<Event>> project(Event event) {
        return project(List.of(event)).map(reactions -> reactions.getOrDefault(event.id(), List.of()));
    }

    /**
     * Projects {@code events} in one transaction; answers each projected event's reactions by its id, in batch order
     * within each conversation. Events of other streams are skipped.
     * <p>
     * A handful of statements per batch rather than per event: the conversations are ensured and locked in one
     * statement each (in id order), the events claimed in one, the rows they touch loaded in one query per table,
     * and the entity changes written at commit in JDBC-style batches (the session flushes at commit only; nothing in
     * a batch reads back what it wrote except through the session itself).
     */
    public Uni<Map<String, List<Event>>> project(List<Event> events) {
        Map<String, List<Event>> byConversation = new TreeMap<>();
        Map<String, Event> distinct = new LinkedHashMap<>();
        for (Event event : events) {
            if (event.data() instanceof ConversationEvent) {
                byConversation.computeIfAbsent(event.subject(), subject -> new ArrayList<>()).add(event);
                distinct.putIfAbsent(event.id(), event);
            }
        }
        if (byConversation.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Map<String, List<Event>> reactionsById = new LinkedHashMap<>();
        List<String> conversationIds = List.copyOf(byConversation.keySet());
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> {
            session.setFlushMode(FlushMode.COMMIT);
            return lockConversations(session, byConversation)
                    .flatMap(rows -> claim(session, distinct.values())
                            .flatMap(claimed -> loadMessages(conversationIds, distinct.values(), claimed)
                                    .flatMap(ignored -> timers.load(conversationIds))
                                    .flatMap(timerRows -> Multi.createFrom().iterable(byConversation.values())
                                            .onItem().transformToUniAndConcatenate(conversation -> projectConversation(
                                                    session, rows.get(conversation.get(0).subject()), conversation,
                                                    claimed, timerRows, reactionsById))
                                            .collect().last())));
        })).replaceWith(reactionsById);
    }

    /** Ensures a row for every conversation and locks them all, in id order, so that two writers never deadlock. */
    private static Uni<Map<String, ConversationRow>> lockConversations(Mutiny.Session session,
                                                                       Map<String, List<Event>> byConversation) {
        List<Event> firsts = byConversation.values().stream().map(conversation -> conversation.get(0)).toList();
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < firsts.size(); i++) {
            values.append(i == 0 ? "" : ", ").append(ENSURE_CONVERSATION.formatted(i));
        }
        Mutiny.MutationQuery ensure = session.createNativeQuery(ENSURE_CONVERSATIONS.formatted(values));
        for (int i = 0; i < firsts.size(); i++) {
            Event first = firsts.get(i);
            ensure.setParameter("id" + i, first.subject())
                    .setParameter("tenant" + i, first.tenant())
                    .setParameter("channel" + i, ConversationId.parse(first.subject()).channel().wireName())
                    .setParameter("time" + i, first.time());
        }
        return ensure.executeUpdate()
                .flatMap(ignored -> ConversationRow.<ConversationRow>find("id in ?1", Sort.by("id"),
                        List.copyOf(byConversation.keySet())).withLock(LockModeType.PESSIMISTIC_WRITE).list())
                .map(rows -> {
                    Map<String, ConversationRow> byId = new HashMap<>();
                    rows.forEach(row -> byId.put(row.id, row));
                    return byId;
                });
    }

    /** Claims every event of the batch; answers the ids claimed now (the others were projected before). */
    private static Uni<Set<String>> claim(Mutiny.Session session, Collection<Event> events) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < events.size(); i++) {
            values.append(i == 0 ? "" : ", ").append("(:id").append(i).append(", :conversation").append(i).append(')');
        }
        Mutiny.SelectionQuery<String> claim = session.createNativeQuery(CLAIM_EVENTS.formatted(values), String.class);
        int i = 0;
        for (Event event : events) {
            claim.setParameter("id" + i, event.id()).setParameter("conversation" + i, event.subject());
            i++;
        }
        return claim.getResultList().map(HashSet::new);
    }

    /** Loads the existing messages the claimed events change into the session, in one query. */
    private static Uni<?> loadMessages(List<String> conversationIds, Collection<Event> events, Set<String> claimed) {
        List<String> messageIds = events.stream()
                .filter(event -> claimed.contains(event.id()))
                .map(event -> messageIdOf((ConversationEvent) event.data(),
                        ConversationId.parse(event.subject()).channel()))
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        if (messageIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return MessageRow.list("conversationId in ?1 and id in ?2", conversationIds, messageIds);
    }

    /** One conversation's events of the batch, in order, under its row lock. */
    private Uni<Void> projectConversation(Mutiny.Session session, ConversationRow row, List<Event> events,
                                          Set<String> claimed, Map<String, List<TimerRow>> timerRows,
                                          Map<String, List<Event>> reactionsById) {
        Folding folding = new Folding(row.state.isEmpty() ? ConversationState.initial(row.id)
                : StateJson.read(row.state));
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(event -> {
                    Uni<List<Event>> reactions;
                    if (reactionsById.containsKey(event.id())) {
                        reactions = Uni.createFrom().item(reactionsById.get(event.id())); // twice in the batch
                    } else if (claimed.contains(event.id())) {
                        reactions = apply(folding, event).flatMap(caused -> keep(session, event, caused));
                    } else {
                        reactions = keptReactions(session, event);
                    }
                    return reactions.invoke(caused -> reactionsById.put(event.id(), caused));
                })
                .collect().last()
                .flatMap(ignored -> {
                    if (!folding.changed) {
                        return Uni.createFrom().voidItem();
                    }
                    ConversationColumns.fill(row, folding.state);
                    return timers.replan(folding.state, timerRows.getOrDefault(row.id, List.of()));
                });
    }

    /** The conversation's state as the batch folds it, and whether any event of the batch changed it. */
    private static final class Folding {
        ConversationState state;
        boolean changed;

        Folding(ConversationState state) {
            this.state = state;
        }
    }

    private static Uni<List<Event>> keep(Mutiny.Session session, Event cause, List<Event> reactions) {
        if (reactions.isEmpty()) {
            return Uni.createFrom().item(reactions);
        }
        return session.createNativeQuery(KEEP_REACTIONS)
                .setParameter("reactions", ReactionsJson.write(reactions))
                .setParameter("id", cause.id())
                .executeUpdate()
                .replaceWith(reactions);
    }

    private static Uni<List<Event>> keptReactions(Mutiny.Session session, Event cause) {
        return session.createNativeQuery(KEPT_REACTIONS, String.class)
                .setParameter("id", cause.id())
                .getSingleResultOrNull()
                .map(ReactionsJson::read);
    }

    /** Folds {@code event} into the conversation's state and writes the rows it adds or changes. */
    private Uni<List<Event>> apply(Folding folding, Event event) {
        ConversationState before = folding.state;
        ConversationState after = ConversationFold.evolve(before, event);
        folding.state = after;
        folding.changed = true;
        return projectRows(event, after)
                .flatMap(ignored -> projectTicket(before, after, event))
                .map(ignored -> reactions.react(before, after, event).stream()
                        .map(reaction -> reactionEvent(reaction, after, event))
                        .toList());
    }

    /** Reactions come just after their cause, so that they fold after it whatever their ids. */
    private static Event reactionEvent(Reaction reaction, ConversationState state, Event cause) {
        return reaction.toEvent(state.conversationId(), state.tenant(), cause.id(), cause.time().plusMillis(1));
    }

    private Uni<?> projectRows(Event event, ConversationState state) {
        ConversationEvent data = (ConversationEvent) event.data();
        if (data instanceof MessageReceived received) {
            return upsertMessage(messageIdOf(data, state.channel()), state, message -> {
                message.direction = "inbound";
                message.authorKind = "customer";
                message.authorId = received.contact() == null ? null : received.contact().channelUserId();
                message.channelMessageId = received.channelMessageId();
                message.replyTo = received.replyToChannelMessageId();
                message.sentAt = received.receivedAt() != null ? received.receivedAt() : event.time();
                MessageContent.fill(message, received.content());
            });
        }
        if (data instanceof MessageOutbound outbound) {
            return upsertMessage(messageIdOf(data, state.channel()), state, message -> {
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
        }
        if (data instanceof MessageDelivery delivery) {
            return upsertMessage(messageIdOf(data, state.channel()), state, message -> {
                message.deliveryOutcome = wire(delivery.outcome());
                if (delivery.channelMessageId() != null) {
                    message.channelMessageId = delivery.channelMessageId();
                }
                message.deliveryError = delivery.error() == null ? null : delivery.error().title();
            });
        }
        if (data instanceof MessageStatus status) {
            MessageStatusRow row = new MessageStatusRow();
            row.eventId = event.id();
            row.conversationId = state.conversationId();
            row.channelMessageId = status.channelMessageId();
            row.status = status.status() == null ? "unknown" : wire(status.status());
            row.error = status.error() == null ? null : status.error().title();
            row.at = event.time();
            return row.persist();
        }
        if (data instanceof MessageEdited edited) {
            return upsertMessage(messageIdOf(data, state.channel()), state, message -> {
                message.channelMessageId = edited.channelMessageId();
                if (message.editedAt == null || event.time().isAfter(message.editedAt)) {
                    message.editedAt = event.time();
                    message.editedText = edited.content() == null ? null : edited.content().readableText();
                }
            });
        }
        if (data instanceof MessageDeleted deleted) {
            return upsertMessage(messageIdOf(data, state.channel()), state, message -> {
                message.channelMessageId = deleted.channelMessageId();
                message.deleted = true;
            });
        }
        if (data instanceof NoteAdded note) {
            NoteRow row = new NoteRow();
            row.id = note.noteId() != null ? note.noteId() : event.id();
            row.conversationId = state.conversationId();
            row.tenant = state.tenant();
            row.agentId = note.agentId();
            row.text = note.text() == null ? "" : note.text();
            row.createdAt = event.time();
            return NoteRow.findById(new ScopedId(row.tenant, row.conversationId, row.id)).flatMap(found -> found != null ? Uni.createFrom().voidItem() : row.persist());
        }
        if (data instanceof CsatReceived csat) {
            CsatRow row = new CsatRow();
            row.eventId = event.id();
            row.conversationId = state.conversationId();
            row.tenant = state.tenant();
            row.score = csat.score();
            row.comment = csat.comment();
            row.receivedAt = event.time();
            return row.persist();
        }
        if (data instanceof BotSuggested suggested) {
            return SuggestionRow.<SuggestionRow>findById(state.conversationId()).flatMap(found -> {
                if (found != null && !isLater(event, found.suggestedAt, found.eventId)) {
                    return Uni.createFrom().voidItem();
                }
                SuggestionRow row = found != null ? found : new SuggestionRow();
                row.conversationId = state.conversationId();
                row.tenant = state.tenant();
                row.forChannelMessageId = suggested.forChannelMessageId();
                row.suggestions = StateJson.json(suggested.suggestions());
                row.suggestedAt = event.time();
                row.eventId = event.id();
                return found != null ? Uni.createFrom().voidItem() : row.persist();
            });
        }
        if (data instanceof CallbackScheduled callback) {
            return timers.scheduleCallback(state, event.id(), callback);
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<?> projectTicket(ConversationState before, ConversationState after, Event event) {
        if (after.ticket() == null) {
            return Uni.createFrom().voidItem();
        }
        TicketCreated created = after.ticket().value();
        boolean oldTicketStaysDone = reactions.startsNewTicket(before, event);
        ScopedId key = new ScopedId(after.tenant(), after.conversationId(), created.ticketId());
        return TicketRow.<TicketRow>findById(key).flatMap(found -> {
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
            return found != null ? Uni.createFrom().voidItem() : ticket.persist();
        });
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
    private static Uni<?> upsertMessage(String id, ConversationState state, Consumer<MessageRow> change) {
        ScopedId key = new ScopedId(state.tenant(), state.conversationId(), id);
        return MessageRow.<MessageRow>findById(key).flatMap(found -> {
            MessageRow message = found != null ? found : new MessageRow();
            message.id = id;
            message.conversationId = state.conversationId();
            message.tenant = state.tenant();
            change.accept(message);
            return found != null ? Uni.createFrom().voidItem() : message.persist();
        });
    }

    private static boolean isLater(Event event, Instant time, String eventId) {
        int byTime = event.time().compareTo(time);
        return byTime > 0 || byTime == 0 && event.id().compareTo(eventId) > 0;
    }

    static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
