package io.parley.ingest.web;

import io.parley.events.Channel;
import io.parley.events.web.WebChannelSettings;
import io.parley.ingest.channel.LiveChannelRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * CORS for the widget's writes: a page may call (and read the answer, errors and 429s included) only from an origin
 * its web channel allows. Other origins get no CORS headers, a 403 on preflight, and the resource refuses them too.
 */
public class VisitorCors {

    private static final String PREFIX = "/web/v1/visitors/";

    @Inject
    LiveChannelRegistry registry;

    @ServerResponseFilter
    public void allowEmbeddingOrigins(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        String origin = request.getHeaderString("Origin");
        if (origin == null || !path.startsWith(PREFIX)) {
            return;
        }
        String channelId = path.substring(PREFIX.length()).split("/")[0];
        boolean allowed = registry.current().account(Channel.WEB, channelId)
                .map(account -> WebChannelSettings.allows(account.allowedOrigins(), origin)).orElse(false);
        if (allowed) {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
            response.getHeaders().add("Vary", "Origin");
            response.getHeaders().putSingle("Access-Control-Expose-Headers", "Retry-After");
        } else if ("OPTIONS".equals(request.getMethod())) {
            response.setStatus(403);
        }
    }
}
