package io.parley.ticket.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.edge.problem.ApiErrors;
import io.parley.events.state.ConversationState;
import io.parley.events.web.VisitorToken;
import io.parley.ticket.live.LiveEvents;
import io.parley.ticket.projection.ConversationRow;
import io.parley.ticket.projection.StateJson;
import io.parley.ticket.visitor.ChannelNotice;
import io.parley.ticket.visitor.VisitorAccess;
import io.parley.ticket.visitor.VisitorAccess.WebChannel;
import io.parley.ticket.visitor.VisitorViews;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The web widget's reads, for visitors (no agent JWT): the channel's notice board, and the visitor's own conversation
 * (history from the projection, then live over server-sent events). A visitor token names exactly one conversation;
 * any other id answers 404, like a missing one. Browsers may call only from the channel's allowed origins (CORS); the
 * visitor's writes go to ingest ({@code POST /web/v1/sessions}, {@code /web/v1/messages}).
 */
@Path("/web/v1")
@Tag(name = "web widget")
public class VisitorResource {

    /** ISO text for times: the widget shows "09:00" and parses the next opening. */
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final java.time.Duration PING_EVERY = java.time.Duration.ofSeconds(25);

    @Inject
    VisitorAccess access;

    @Inject
    LiveEvents live;

    @GET
    @Path("/channels/{channelId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The widget's notice board: business hours, whether people answer now, when they do next")
    public Response notice(@PathParam("channelId") String channelId, @HeaderParam("Origin") String origin) {
        WebChannel channel = allowedChannel(channelId, origin);
        ChannelNotice notice = access.notice(channel);
        ObjectNode body = JSON.valueToTree(notice);
        body.put("staffed", notice.staffed());
        return Response.ok(body).build();
    }

    @GET
    @Path("/conversations/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @WithSession
    @Operation(summary = "The visitor's conversation: messages oldest first, and who answers")
    public Uni<Response> conversation(@PathParam("id") String id, @HeaderParam("Origin") String origin,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        VisitorToken visitor = ownConversation(id, origin, authorization);
        String conversationId = visitor.conversation().toString();
        return ConversationRow.<ConversationRow>find("id = ?1 and tenant = ?2", conversationId, visitor.tenant())
                .firstResult()
                .flatMap(row -> ConversationResource.messagesOf(List.of(conversationId)).map(messages -> {
                    ObjectNode body = JSON.createObjectNode();
                    body.put("conversationId", conversationId);
                    ArrayNode list = body.putArray("messages");
                    messages.stream().filter(message -> !"external".equals(message.authorKind()))
                            .forEach(message -> list.add(VisitorViews.message(
                                    "inbound".equals(message.direction()) ? message.channelMessageId() : message.id(),
                                    VisitorViews.from(message.direction(), message.authorKind()), message.content(),
                                    "inbound".equals(message.direction()) ? "sent"
                                            : VisitorViews.delivery(message.status()), message.sentAt())));
                    if (row != null) {
                        ConversationState state = StateJson.read(row.state);
                        body.put("handoff", row.assignee != null ? "assigned"
                                : "human".equals(row.mode) ? "waiting" : null);
                        body.put("ticket", row.ticketId != null);
                        body.put("csatPending", state.csatRequested() != null && row.csatScore == null);
                    }
                    return Response.ok(body).build();
                }));
    }

    @GET
    @Path("/conversations/{id}/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "The visitor's conversation live (SSE): messages, deliveries, handoff, ticket, CSAT")
    public Multi<ObjectNode> stream(@PathParam("id") String id, @HeaderParam("Origin") String origin,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        VisitorToken visitor = ownConversation(id, origin, authorization);
        String conversationId = visitor.conversation().toString();
        Multi<ObjectNode> updates = live.ofTenant(visitor.tenant())
                .filter(event -> conversationId.equals(event.subject()))
                .map(VisitorViews::update)
                .filter(java.util.Optional::isPresent)
                .map(java.util.Optional::get);
        // "ready" at once: the answer's headers go out with the first item, and the widget reads its history only once
        // the stream is open, so nothing falls between the two. A ping keeps idle proxies from closing the stream.
        ObjectNode ready = JSON.createObjectNode().put("type", "ready");
        Multi<ObjectNode> pings = Multi.createFrom().ticks().every(PING_EVERY)
                .map(tick -> JSON.createObjectNode().put("type", "ping"));
        return Multi.createBy().merging().streams(Multi.createFrom().item(ready), updates, pings);
    }

    /** CORS preflight: the browser asks before sending the visitor's Authorization header ({@link VisitorCors}). */
    @OPTIONS
    @Path("/{any: .*}")
    public Response preflight(@PathParam("any") String path) {
        return Response.noContent().header("Access-Control-Allow-Methods", "GET, OPTIONS")
                .header("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept")
                .header("Access-Control-Max-Age", "600").build();
    }

    /** {@code channels/{id}} or {@code conversations/web:{id}:{visitor}[/stream]}. */
    static String channelIdOf(String path) {
        String[] parts = path.split("/");
        if (parts.length >= 2 && parts[0].equals("channels")) {
            return parts[1];
        }
        if (parts.length >= 2 && parts[0].equals("conversations")) {
            String[] id = parts[1].split(":", 3);
            return id.length == 3 && id[0].equals("web") ? id[1] : null;
        }
        return null;
    }

    private WebChannel allowedChannel(String channelId, String origin) {
        WebChannel channel = access.channel(channelId).orElseThrow(() -> ApiErrors.problems(404, "Not found",
                List.of("no web channel '" + channelId + "' is connected and enabled: an admin adds it with POST "
                        + "/api/v1/admin/channels {\"channel\": \"web\", …}")));
        if (!channel.allows(origin)) {
            throw ApiErrors.problems(403, "Origin not allowed", List.of("a page at " + origin + " may not embed web "
                    + "channel '" + channelId + "': an admin adds the origin to the channel's allowedOrigins"));
        }
        return channel;
    }

    private VisitorToken ownConversation(String id, String origin, String authorization) {
        VisitorToken visitor = access.visitor(authorization).orElseThrow(() -> ApiErrors.problems(401,
                "Visitor token required", List.of("send Authorization: Visitor <token> with the token POST "
                        + "/web/v1/sessions gave; a token expires after parley.web.visitor-token-max-age")));
        if (!Objects.equals(id, visitor.conversation().toString())) {
            throw ApiErrors.notFound("conversation", id);
        }
        allowedChannel(visitor.channelId(), origin);
        return visitor;
    }
}
