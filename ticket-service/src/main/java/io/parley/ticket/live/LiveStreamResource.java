package io.parley.ticket.live;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.edge.auth.Caller;
import io.parley.events.envelope.EventCodec;
import io.parley.ticket.viewers.ViewerFeed;
import io.parley.ticket.viewers.Viewers;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Server-sent events: each event of the caller's tenant as it is appended, as its CloudEvents JSON. */
@Path("/api/v1/stream")
@RolesAllowed({Caller.AGENT, Caller.ADMIN})
@Tag(name = "live")
public class LiveStreamResource {

    @Inject
    Caller caller;

    @Inject
    LiveEvents live;

    @Inject
    ViewerFeed viewers;

    @Inject
    Clock clock;

    /** The stream's first event; not a log event (no id, no subject), which tolerant readers skip. */
    public static final String CONNECTED = "parley.stream.connected";
    /** A conversation's viewers changed (an agent opened or closed it): not a log event either. */
    public static final String VIEWERS = "parley.stream.viewers";

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live stream (SSE) of the tenant's conversation events",
            description = "Starts with one {\"type\":\"parley.stream.connected\"} event once the caller is subscribed:"
                    + " anything appended after it is in the stream, so a client resyncs on it and loses nothing."
                    + " parley.stream.viewers events say who has a conversation open now (subject: its id)")
    public Multi<ObjectNode> stream() {
        String tenant = caller.tenant();
        // Subscribed to the live events first, then announced: a proxy in front (the devstack gateway, an ingress)
        // may hold the response headers back until the first bytes, so without it a quiet tenant's client would not
        // even know it is connected.
        ObjectNode connected = EventCodec.mapper().createObjectNode().put("type", CONNECTED).put("tenant", tenant)
                .put("time", clock.instant().toString());
        return Multi.createBy().merging().streams(live.ofTenant(tenant).map(EventCodec::toJson),
                viewers.changesOf(tenant).map(this::viewersEvent), Multi.createFrom().item(connected));
    }

    private ObjectNode viewersEvent(Viewers.Change change) {
        ObjectNode event = EventCodec.mapper().createObjectNode().put("type", VIEWERS).put("subject",
                change.conversationId()).put("tenant", change.tenant()).put("time", clock.instant().toString());
        ArrayNode list = event.putObject("data").putArray("viewers");
        change.viewers().forEach(viewer -> list.addObject().put("agentId", viewer.agentId())
                .put("since", viewer.since().toString()));
        return event;
    }
}
