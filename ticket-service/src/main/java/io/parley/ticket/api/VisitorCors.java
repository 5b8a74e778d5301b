package io.parley.ticket.api;

import io.parley.ticket.visitor.VisitorAccess;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * CORS for the web widget's reads: a browser may read an answer (errors included, so the widget learns about a 429 or
 * an expired token) only when the page's origin is one the path's web channel allows. Other origins get no CORS
 * headers, so their scripts cannot read anything, and the resource refuses them with 403 besides.
 */
public class VisitorCors {

    @Inject
    VisitorAccess access;

    @ServerResponseFilter
    public void allowEmbeddingOrigins(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        String origin = request.getHeaderString("Origin");
        if (origin == null || !path.startsWith("/web/v1/")) {
            return;
        }
        String channelId = VisitorResource.channelIdOf(path.substring("/web/v1/".length()));
        if (channelId != null && access.channel(channelId).map(channel -> channel.allows(origin)).orElse(false)) {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
            response.getHeaders().add("Vary", "Origin");
        } else if ("OPTIONS".equals(request.getMethod())) {
            response.setStatus(403);
        }
    }
}
