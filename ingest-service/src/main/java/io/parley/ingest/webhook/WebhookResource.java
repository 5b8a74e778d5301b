package io.parley.ingest.webhook;

import io.parley.events.Channel;
import io.parley.ingest.channel.ChannelAccount;
import io.parley.ingest.channel.ChannelApp;
import io.parley.ingest.channel.ChannelRegistry;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Channel webhooks. Bodies arrive as bytes and are checked as bytes: the signature covers exactly what Meta sent.
 * Bodies over {@code parley.ingest.max-body-size} are refused with 413 by the HTTP layer before reaching here.
 */
@Path("/webhooks")
public class WebhookResource {

    private static final Set<Channel> META_CHANNELS = Set.of(Channel.WHATSAPP, Channel.MESSENGER, Channel.INSTAGRAM);
    private static final String BEARER = "Bearer ";

    private final ChannelRegistry registry;
    private final WebhookIntake intake;
    private final IngestMetrics metrics;

    public WebhookResource(ChannelRegistry registry, WebhookIntake intake, IngestMetrics metrics) {
        this.registry = registry;
        this.intake = intake;
        this.metrics = metrics;
    }

    /** Meta's subscription handshake: echo the challenge when the verify token matches. */
    @GET
    @Path("/{channel}")
    @Produces(MediaType.TEXT_PLAIN)
    public Response handshake(@PathParam("channel") String channelName,
                              @QueryParam("hub.mode") String mode,
                              @QueryParam("hub.verify_token") String verifyToken,
                              @QueryParam("hub.challenge") String challenge) {
        Channel channel = metaChannel(channelName);
        if (channel == null) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        String expected = registry.app(channel).verifyToken();
        if (!"subscribe".equals(mode) || challenge == null || !constantTimeEquals(expected, verifyToken)) {
            return Response.status(Response.Status.FORBIDDEN)
                    .entity("hub.mode must be subscribe and hub.verify_token must match parley.channels."
                            + channel.wireName() + ".verify-token").build();
        }
        return Response.ok(challenge).build();
    }

    @POST
    @Path("/{channel}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public Response receive(@PathParam("channel") String channelName, @Context HttpHeaders headers, byte[] body) {
        Channel channel = metaChannel(channelName);
        if (channel == null) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        ChannelApp app = registry.app(channel);
        if (!WebhookSignature.verify(app.appSecret(), body, headers.getHeaderString(WebhookSignature.HEADER))) {
            metrics.webhook(channel, "unauthorized");
            return Response.status(Response.Status.UNAUTHORIZED)
                    .entity(WebhookSignature.HEADER + " is missing or is not the HMAC-SHA256 of the body").build();
        }
        return toResponse(intake.receive(channel, null, body, headerMap(headers)));
    }

    /** The generic API channel: one message per post, authorised by the channel's bearer token. */
    @POST
    @Path("/api/{channelId}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public Response receiveApi(@PathParam("channelId") String channelId, @Context HttpHeaders headers, byte[] body) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        String token = authorization != null && authorization.startsWith(BEARER)
                ? authorization.substring(BEARER.length()) : null;
        String expected = registry.account(Channel.API, channelId).map(ChannelAccount::bearerToken).orElse(null);
        if (!constantTimeEquals(expected, token)) {
            metrics.webhook(Channel.API, "unauthorized");
            return Response.status(Response.Status.UNAUTHORIZED)
                    .entity("Authorization: Bearer <token> must match the API channel's bearer-token").build();
        }
        return toResponse(intake.receive(Channel.API, channelId, body, headerMap(headers)));
    }

    private static Response toResponse(WebhookIntake.Result result) {
        Response.Status status = switch (result.outcome()) {
            case ACCEPTED -> Response.Status.OK;
            case INVALID -> Response.Status.BAD_REQUEST;
            case UNAVAILABLE -> Response.Status.SERVICE_UNAVAILABLE;
        };
        return Response.status(status).entity(result.message()).build();
    }

    private static Channel metaChannel(String name) {
        return META_CHANNELS.stream().filter(c -> c.wireName().equals(name)).findFirst().orElse(null);
    }

    private static boolean constantTimeEquals(String expected, String actual) {
        return expected != null && !expected.isEmpty() && actual != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> headerMap(HttpHeaders headers) {
        Map<String, String> map = new LinkedHashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> map.put(name, String.join(",", values)));
        return map;
    }
}
