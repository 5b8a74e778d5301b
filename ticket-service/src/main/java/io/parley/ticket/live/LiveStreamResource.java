package io.parley.ticket.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.events.envelope.EventCodec;
import io.parley.ticket.auth.Caller;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
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

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live stream (SSE) of the tenant's conversation events")
    public Multi<ObjectNode> stream() {
        String tenant = caller.tenant();
        return live.ofTenant(tenant).map(EventCodec::toJson);
    }
}
