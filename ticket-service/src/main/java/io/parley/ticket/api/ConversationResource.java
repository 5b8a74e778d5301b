package io.parley.ticket.api;

import io.parley.edge.auth.Caller;
import io.parley.edge.problem.ApiErrors;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.Assigned;
import io.parley.events.conversation.ConversationEvent.Author;
import io.parley.events.conversation.ConversationEvent.AuthorKind;
import io.parley.events.conversation.ConversationEvent.CallbackScheduled;
import io.parley.events.conversation.ConversationEvent.Labeled;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.conversation.ConversationEvent.NoteAdded;
import io.parley.events.conversation.ConversationEvent.Party;
import io.parley.events.conversation.ConversationEvent.StatusChanged;
import io.parley.events.conversation.ConversationEvent.Transferred;
import io.parley.events.conversation.ConversationStatus;
import io.parley.events.ids.EventIds;
import io.parley.ticket.projection.ConversationRow;
import io.parley.ticket.projection.MessageRow;
import io.parley.ticket.projection.MessageStatusRow;
import io.parley.ticket.projection.NoteRow;
import io.parley.ticket.projection.StateJson;
import io.parley.ticket.projection.SuggestionRow;
import io.parley.ticket.reply.ReplyWindow;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The agent's view of conversations: list, read, reply and act. Everything is scoped to the caller's tenant. */
@Path("/api/v1/conversations")
@RolesAllowed({Caller.AGENT, Caller.ADMIN})
@Tag(name = "conversations")
@WithSession
public class ConversationResource {

    private static final List<String> STATUS_RANK = List.of("sent", "delivered", "read", "failed");
    private static final int MAX_PAGE = 200;
    /** How far ahead an agent may schedule a snooze's end or a callback. */
    static final Duration SCHEDULING_REACH = Duration.ofDays(3_650);
    /** The assignee filter's word for "held by nobody": an agent id never has this value (ids are token subjects). */
    private static final String UNASSIGNED = "none";

    @Inject
    Caller caller;

    @Inject
    Conversations conversations;

    @Inject
    Clock clock;

    @Inject
    IdempotentRequests idempotent;

    @GET
    @Operation(summary = "List, filter and search conversations, most recently active first",
            description = "assignee=me means the caller, assignee=none conversations nobody holds (a queue's waiting"
                    + " ones, with status=open); q searches contact name, phone, id and message text. Pages of at most"
                    + " 200 (limit, default 50): a full page has a Link rel=next header whose cursor continues after"
                    + " its last row")
    public Uni<RestResponse<List<Views.Conversation>>> list(@QueryParam("status") String status,
            @QueryParam("assignee") String assignee, @QueryParam("team") String team,
            @QueryParam("channel") String channel, @QueryParam("label") String label, @QueryParam("q") String query,
            @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        StringBuilder hql = new StringBuilder("from ConversationRow c where c.tenant = :tenant");
        Parameters parameters = Parameters.with("tenant", caller.tenant());
        filter(hql, parameters, "c.status", "status", status);
        if (UNASSIGNED.equals(assignee)) {
            hql.append(" and c.assignee is null");
        } else {
            filter(hql, parameters, "c.assignee", "assignee", "me".equals(assignee) ? caller.agentId() : assignee);
        }
        filter(hql, parameters, "c.team", "team", team);
        filter(hql, parameters, "c.channel", "channel", channel);
        if (label != null) {
            hql.append(" and c.labels like :label");
            parameters.and("label", "%," + label + ",%");
        }
        if (query != null && !query.isBlank()) {
            hql.append(" and (lower(c.contactName) like :q or c.contactPhone like :q or lower(c.id) like :q"
                    + " or exists (select 1 from MessageRow m where m.conversationId = c.id and lower(m.text) like :q))");
            parameters.and("q", "%" + query.toLowerCase(Locale.ROOT) + "%");
        }
        if (cursor != null && !cursor.isBlank()) {
            ListCursor after = ListCursor.decode(cursor);
            hql.append(" and (c.lastActivityAt < :afterAt or (c.lastActivityAt = :afterAt and c.id > :afterId))");
            parameters.and("afterAt", after.lastActivityAt()).and("afterId", after.id());
        }
        hql.append(" order by c.lastActivityAt desc, c.id");
        int pageSize = Math.max(1, Math.min(limit, MAX_PAGE));
        return ConversationRow.<ConversationRow>find(hql.toString(), parameters)
                .range(Math.max(0, offset), Math.max(0, offset) + pageSize - 1).list()
                .map(rows -> {
                    RestResponse.ResponseBuilder<List<Views.Conversation>> page = RestResponse.ResponseBuilder
                            .ok(rows.stream().map(Views.Conversation::of).toList());
                    if (rows.size() == pageSize) {
                        // A full page may have more after it: the next one starts after its last row (RFC 8288).
                        ConversationRow last = rows.get(rows.size() - 1);
                        URI next = uri.getRequestUriBuilder().replaceQueryParam("offset")
                                .replaceQueryParam("cursor", new ListCursor(last.lastActivityAt, last.id).encode())
                                .build();
                        page.header("Link", "<" + next.getRawPath() + "?" + next.getRawQuery() + ">; rel=\"next\"");
                    }
                    return page.build();
                });
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One conversation, with the latest handoff's reason and summary when people took over")
    public Uni<Views.Conversation> get(@PathParam("id") String id) {
        return conversations.find(caller, id).map(Views.Conversation::withHandoff);
    }

    @GET
    @Path("/{id}/messages")
    @Operation(summary = "The conversation's messages of every kind, oldest first, with delivery statuses")
    public Uni<List<Views.Message>> messages(@PathParam("id") String id) {
        return conversations.find(caller, id).flatMap(row -> messagesOf(List.of(row.id)));
    }

    /** Messages of several conversations of the caller's tenant, in time order. */
    static Uni<List<Views.Message>> messagesOf(List<String> conversationIds) {
        return MessageRow.<MessageRow>list("conversationId in ?1", conversationIds).flatMap(messages ->
                MessageStatusRow.<MessageStatusRow>list("conversationId in ?1", conversationIds).map(statuses -> {
                    Map<String, MessageStatusRow> best = statuses.stream().collect(Collectors.toMap(
                            status -> status.conversationId + "|" + status.channelMessageId, status -> status,
                            (a, b) -> STATUS_RANK.indexOf(a.status) >= STATUS_RANK.indexOf(b.status) ? a : b));
                    return messages.stream()
                            .sorted(Comparator.comparing((MessageRow m) -> m.sentAt,
                                    Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(m -> m.id))
                            .map(message -> {
                                MessageStatusRow status = message.channelMessageId == null ? null
                                        : best.get(message.conversationId + "|" + message.channelMessageId);
                                return Views.Message.of(message, status == null ? null : status.status,
                                        status == null ? null : status.error);
                            })
                            .toList();
                }));
    }

    @POST
    @Path("/{id}/messages")
    @Operation(summary = "Reply with text, a media reference or a template",
            description = "Outside WhatsApp's 24-hour window only a template is accepted (422 otherwise). A 'messageId'"
                    + " or an Idempotency-Key header is required, so that a retry never sends twice")
    public Uni<Views.Accepted> reply(@PathParam("id") String id, Requests.Reply reply,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        if (reply == null) {
            throw ApiErrors.badRequest("a reply body is required: {\"text\":\"…\"}, {\"media\":{…}} or {\"template\":{…}}");
        }
        Content content = reply.content();
        String tenant = caller.tenant();
        String request = "reply " + id + " " + StateJson.json(reply);
        String messageId = messageIdOf(reply, tenant, idempotencyKey, request);
        return idempotent.once(tenant, idempotencyKey, request,
                ignored -> conversations.state(caller, id).flatMap(state -> {
            ReplyWindow.refusal(state, content, clock.instant()).ifPresent(refusal -> {
                throw ApiErrors.unprocessable(refusal);
            });
            MessageOutbound outbound = new MessageOutbound(messageId,
                    new Author(AuthorKind.AGENT, caller.agentId()), content, reply.replyToChannelMessageId(), null);
            String eventId = EventIds.nameBased("agent-reply/" + state.conversationId() + "/" + messageId).toString();
            return conversations.append(state.conversationId(), state.tenant(), eventId, outbound, messageId);
        }));
    }

    /** The client's own id, else one derived from its Idempotency-Key: never a fresh one a retry would not repeat. */
    private static String messageIdOf(Requests.Reply reply, String tenant, String idempotencyKey, String request) {
        if (reply.messageId() != null) {
            if (reply.messageId().isBlank()) {
                throw ApiErrors.badRequest("'messageId' must not be blank");
            }
            return reply.messageId();
        }
        if (idempotencyKey == null) {
            throw ApiErrors.badRequest("a reply needs a 'messageId' or an Idempotency-Key header (e.g. a UUID made"
                    + " once per reply and sent again on every retry), so that a retry is never sent twice");
        }
        return IdempotentRequests.derived(tenant, idempotencyKey, request, "message");
    }

    @GET
    @Path("/{id}/notes")
    public Uni<List<Views.Note>> notes(@PathParam("id") String id) {
        return conversations.find(caller, id)
                .flatMap(row -> NoteRow.<NoteRow>list("conversationId = ?1 order by createdAt, id", row.id))
                .map(notes -> notes.stream().map(Views.Note::of).toList());
    }

    @POST
    @Path("/{id}/notes")
    @Operation(summary = "Add a private note, visible to agents only")
    public Uni<Views.Accepted> addNote(@PathParam("id") String id, @Valid Requests.NewNote note,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        String agentId = caller.agentId();
        return idempotent.once(caller.tenant(), idempotencyKey, "note " + id + " " + StateJson.json(note),
                eventId -> conversations.find(caller, id).flatMap(row -> conversations.append(row.id, row.tenant,
                        eventId, new NoteAdded(eventId, note.text(), agentId))));
    }

    @POST
    @Path("/{id}/assign")
    @Operation(summary = "Assign to an agent and/or team; a transfer when someone owns it already")
    public Uni<Views.Accepted> assign(@PathParam("id") String id, Requests.Assign assign,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        if (assign == null || assign.agentId() == null && assign.team() == null) {
            throw ApiErrors.badRequest("give an 'agentId', a 'team' or both");
        }
        return idempotent.once(caller.tenant(), idempotencyKey, "assign " + id + " " + StateJson.json(assign),
                eventId -> conversations.state(caller, id).flatMap(state -> {
                    String owner = state.assignee();
                    if (owner == null) {
                        return conversations.append(state.conversationId(), state.tenant(), eventId,
                                new Assigned(assign.agentId(), assign.team(), null, "manual"));
                    }
                    return conversations.append(state.conversationId(), state.tenant(), eventId, new Transferred(
                            new Party(owner, state.team()), new Party(assign.agentId(), assign.team()),
                            assign.reason()));
                }));
    }

    @POST
    @Path("/{id}/status")
    @Operation(summary = "Change status: open, pending, snoozed (with until), solved, closed")
    public Uni<Views.Accepted> status(@PathParam("id") String id, @Valid Requests.StatusChange change,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        if (change.status() == ConversationStatus.SNOOZED
                && (change.until() == null || !change.until().isAfter(clock.instant()))) {
            throw ApiErrors.badRequest("snoozing needs 'until', a time in the future (ISO-8601)");
        }
        requireWithinReach("until", change.until());
        String agentId = caller.agentId();
        return idempotent.once(caller.tenant(), idempotencyKey, "status " + id + " " + StateJson.json(change),
                eventId -> conversations.find(caller, id).flatMap(row -> conversations.append(row.id, row.tenant,
                        eventId, new StatusChanged(change.status(), change.until(), agentId))));
    }

    @PUT
    @Path("/{id}/labels")
    @Operation(summary = "Replace the conversation's labels")
    public Uni<Views.Accepted> labels(@PathParam("id") String id, @Valid Requests.Labels labels,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        List<String> clean = new ArrayList<>();
        for (String label : labels.labels()) {
            if (label == null || label.isBlank() || label.contains(",")) {
                throw ApiErrors.badRequest("labels must be non-blank and contain no comma: '" + label + "'");
            }
            if (!clean.contains(label.trim())) {
                clean.add(label.trim());
            }
        }
        String agentId = caller.agentId();
        return idempotent.once(caller.tenant(), idempotencyKey, "labels " + id + " " + StateJson.json(clean),
                eventId -> conversations.find(caller, id).flatMap(row -> conversations.append(row.id, row.tenant,
                        eventId, new Labeled(clean, agentId))));
    }

    @GET
    @Path("/{id}/suggestions")
    @Operation(summary = "The bot's latest suggested answers for this conversation")
    public Uni<Views.Suggestions> suggestions(@PathParam("id") String id) {
        return conversations.find(caller, id)
                .flatMap(row -> SuggestionRow.<SuggestionRow>findById(row.id))
                .map(row -> row == null ? Views.Suggestions.none() : Views.Suggestions.of(row));
    }

    @POST
    @Path("/{id}/callbacks")
    @Operation(summary = "Schedule a callback; the agent gets a reminder note when it is due")
    public Uni<Views.Accepted> callback(@PathParam("id") String id, @Valid Requests.Callback callback,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        requireWithinReach("at", callback.at());
        String agentId = caller.agentId();
        return idempotent.once(caller.tenant(), idempotencyKey, "callback " + id + " " + StateJson.json(callback),
                eventId -> conversations.find(caller, id).flatMap(row -> conversations.append(row.id, row.tenant,
                        eventId, new CallbackScheduled(callback.at(),
                                callback.phone() != null ? callback.phone() : row.contactPhone, agentId))));
    }

    /**
     * A time an agent schedules (a snooze's end, a callback) is at most {@link #SCHEDULING_REACH} ahead: a typo such as
     * epoch milliseconds given as seconds is refused here, with the field named, rather than stored as a timer that
     * fires in another millennium or lies beyond what PostgreSQL can hold.
     */
    private void requireWithinReach(String field, Instant at) {
        if (at != null && at.isAfter(clock.instant().plus(SCHEDULING_REACH))) {
            throw ApiErrors.badRequest("'" + field + "' is more than " + SCHEDULING_REACH.toDays()
                    + " days ahead: give a time within that (ISO-8601, or epoch seconds)");
        }
    }

    private static void filter(StringBuilder hql, Parameters parameters, String column, String name, String value) {
        if (value != null && !value.isBlank()) {
            hql.append(" and ").append(column).append(" = :").append(name);
            parameters.and(name, value);
        }
    }
}
