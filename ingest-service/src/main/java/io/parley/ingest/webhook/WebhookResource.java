package io.parley.ingest.webhook;

import io.parley.edge.problem.ApiErrors;
import io.parley.events.Channel;
import io.parley.ingest.api.ApiRateLimitSettings;
import io.parley.ingest.api.ApiRateLimits;
import io.parley.ingest.channel.ChannelAccount;
import io.parley.ingest.channel.ChannelDirectory;
import io.parley.ingest.channel.LiveChannelRegistry;
import io.parley.ingest.workspace.WorkspaceFollower;
import io.smallrye.common.annotation.Blocking;
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
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Channel webhooks. Bodies arrive as bytes and are checked as bytes: the signature covers exactly what Meta sent.
 * Bodies over {@code parley.ingest.max-body-size} are refused with 413 by the HTTP layer before reaching here. A post
 * is checked and normalised on a worker thread (a send may wait for Kafka's metadata, which no event loop may), which
 * is then free again: the answer is written when Kafka acknowledges the records (the stage completes).
 */
@Path("/webhooks")
public class WebhookResource {

    private static final Set<Channel> META_CHANNELS = Set.of(Channel.WHATSAPP, Channel.MESSENGER, Channel.INSTAGRAM);
    private static final String BEARER = "Bearer ";

    private final LiveChannelRegistry registry;
    private final WorkspaceFollower workspace;
    private final WebhookIntake intake;
    private final IngestMetrics metrics;
    private final ApiRateLimits apiLimits;

    public WebhookResource(LiveChannelRegistry registry, WorkspaceFollower workspace, WebhookIntake intake,
                           IngestMetrics metrics, ApiRateLimitSettings apiLimitSettings) {
        this.registry = registry;
        this.workspace = workspace;
        this.intake = intake;
        this.metrics = metrics;
        this.apiLimits = apiLimitSettings.limits(Clock.systemUTC());
    }

    /** Meta's subscription handshake: echo the challenge when the verify token is one of the channel's. */
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
        if (!"subscribe".equals(mode) || challenge == null
                || !registry.current().acceptsVerifyToken(channel, verifyToken)) {
            return Response.status(Response.Status.FORBIDDEN)
                    .entity("hub.mode must be subscribe and hub.verify_token must match parley.channels."
                            + channel.wireName() + ".verify-token or the verifyToken of one of the workspace's "
                            + channel.wireName() + " accounts").build();
        }
        return Response.ok(challenge).build();
    }

    @POST
    @Path("/{channel}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    @Blocking
    public CompletionStage<Response> receive(@PathParam("channel") String channelName, @Context HttpHeaders headers,
                                             byte[] body) {
        Channel channel = metaChannel(channelName);
        if (channel == null) {
            return answer(Response.status(Response.Status.NOT_FOUND).build());
        }
        // one registry for the whole request, however the workspace changes meanwhile
        ChannelDirectory directory = registry.current();
        Optional<String> signingSecret = SignatureRule.signingSecret(directory, channel, body,
                headers.getHeaderString(WebhookSignature.HEADER));
        if (signingSecret.isEmpty()) {
            if (!workspace.caughtUp()) {
                return answer(stillLoading(channel));
            }
            metrics.webhook(channel, "unauthorized");
            return answer(Response.status(Response.Status.UNAUTHORIZED)
                    .entity(WebhookSignature.HEADER + " is missing or is not the HMAC-SHA256 of the body under the "
                            + "app secret of any " + channel.wireName() + " account").build());
        }
        return intake.receiveMeta(channel, body, headerMap(headers), directory, signingSecret.get())
                .thenApply(WebhookResource::toResponse);
    }

    /**
     * The generic API channel: one message per post, authorised by the channel's bearer token. A disabled channel
     * answers 403 with a problem body once the caller has proven who it is, and keeps nothing; a tenant over its rate
     * limit ({@code parley.ingest.api.rate-limit.*}) gets 429 with {@code Retry-After}, nothing kept.
     */
    @POST
    @Path("/api/{channelId}")
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.TEXT_PLAIN, ApiErrors.PROBLEM_JSON})
    @Blocking
    public CompletionStage<Response> receiveApi(@PathParam("channelId") String channelId, @Context HttpHeaders headers,
                                                byte[] body) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        String token = authorization != null && authorization.startsWith(BEARER)
                ? authorization.substring(BEARER.length()) : null;
        ChannelDirectory directory = registry.current();
        Optional<ChannelAccount> account = directory.account(Channel.API, channelId);
        if (!ChannelDirectory.constantTimeEquals(account.map(ChannelAccount::bearerToken).orElse(null), token)) {
            if (account.isEmpty() && !workspace.caughtUp()) {
                return answer(stillLoading(Channel.API));
            }
            metrics.webhook(Channel.API, "unauthorized");
            return answer(Response.status(Response.Status.UNAUTHORIZED)
                    .entity("Authorization: Bearer <token> must match the API channel's bearer-token").build());
        }
        if (!account.get().enabled()) {
            metrics.webhook(Channel.API, "disabled");
            return answer(ApiErrors.response(403, "Channel disabled", List.of("API channel " + channelId + " is "
                    + "disabled in its workspace and takes no messages; nothing was kept. An admin can enable it again "
                    + "under /api/v1/admin/channels.")));
        }
        String tenant = account.get().tenant();
        Optional<Duration> wait = apiLimits.acquire(tenant);
        if (wait.isPresent()) {
            return answer(rateLimited(tenant, wait.get()));
        }
        return intake.receiveApi(channelId, body, headerMap(headers), directory).thenApply(WebhookResource::toResponse);
    }

    /** 429: the tenant's posts exceed its API-channel rate limit; nothing was kept, the caller retries later. */
    private Response rateLimited(String tenant, Duration wait) {
        metrics.webhook(Channel.API, "rate-limited");
        metrics.apiRateLimited(tenant);
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return Response.fromResponse(ApiErrors.response(429, "Too Many Requests", List.of("tenant " + tenant
                + " is over its API-channel rate limit; nothing was kept: retry in " + seconds + " s")))
                .header("Retry-After", String.valueOf(seconds)).build();
    }

    /** Before the workspace is read, an unknown signer or account may be one not loaded yet: the sender retries. */
    private Response stillLoading(Channel channel) {
        metrics.webhook(channel, "unavailable");
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                .entity("ingest is still reading the workspace's channel accounts; retry shortly").build();
    }

    private static CompletionStage<Response> answer(Response response) {
        return CompletableFuture.completedFuture(response);
    }

    private static Response toResponse(WebhookIntake.Result result) {
        Response.Status status = switch (result.outcome()) {
            case ACCEPTED -> Response.Status.OK;
            case INVALID -> Response.Status.BAD_REQUEST;
            case UNAUTHORIZED -> Response.Status.UNAUTHORIZED;
            case UNAVAILABLE -> Response.Status.SERVICE_UNAVAILABLE;
        };
        return Response.status(status).entity(result.message()).build();
    }

    private static Channel metaChannel(String name) {
        return META_CHANNELS.stream().filter(c -> c.wireName().equals(name)).findFirst().orElse(null);
    }

    private static Map<String, String> headerMap(HttpHeaders headers) {
        Map<String, String> map = new LinkedHashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> map.put(name, String.join(",", values)));
        return map;
    }
}
