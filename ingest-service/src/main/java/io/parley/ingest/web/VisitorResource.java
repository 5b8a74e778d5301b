package io.parley.ingest.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.edge.problem.ApiErrors;
import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.web.SignedIdentity;
import io.parley.events.web.VisitorToken;
import io.parley.events.web.VisitorTokens;
import io.parley.events.web.WebChannelSettings;
import io.parley.ingest.channel.ChannelAccount;
import io.parley.ingest.channel.ChannelRegistryProducer;
import io.parley.ingest.channel.LiveChannelRegistry;
import io.parley.ingest.kafka.DurableLog;
import io.parley.ingest.kafka.LogUnavailableException;
import io.parley.ingest.webhook.IngestMetrics;
import io.parley.ingest.workspace.WorkspaceFollower;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * The web channel's public surface for visitors (the chat widget): sessions with a Parley-issued token, anonymous or a
 * user the business signed; messages and left messages into the log, as every channel's intake. Browsers may call from
 * the channel's allowed origins only ({@link VisitorCors}); each visitor and each IP address is rate-limited (429 with
 * Retry-After). The visitor reads their conversation from ticket-service ({@code GET /web/v1/conversations/{id}}).
 */
@Path("/web/v1/visitors/{channelId}")
@Tag(name = "web widget")
public class VisitorResource {

    private static final Logger LOG = Logger.getLogger(VisitorResource.class);
    private static final String SCHEME = "Visitor ";
    private static final Pattern USER_ID = Pattern.compile("[^|\\s]{1,128}");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final LiveChannelRegistry registry;
    private final WorkspaceFollower workspace;
    private final DurableLog log;
    private final IngestMetrics metrics;
    private final Optional<VisitorTokens> tokens;
    private final WebIntake intake;
    private final RateLimiter perVisitor;
    private final RateLimiter perAddress;
    private final int maxBodyBytes;
    private final boolean trustForwardedFor;
    private final Clock clock = Clock.systemUTC();

    public VisitorResource(LiveChannelRegistry registry, WorkspaceFollower workspace, DurableLog log,
            IngestMetrics metrics,
            @ConfigProperty(name = ChannelRegistryProducer.SECRET_KEY) Optional<String> secretKey,
            @ConfigProperty(name = "parley.web.visitor-token-max-age", defaultValue = "P30D") Duration tokenMaxAge,
            @ConfigProperty(name = "parley.web.max-body-size", defaultValue = "16384") int maxBodyBytes,
            @ConfigProperty(name = "parley.web.max-text-length", defaultValue = "4000") int maxTextLength,
            @ConfigProperty(name = "parley.web.visitor-burst", defaultValue = "10") int visitorBurst,
            @ConfigProperty(name = "parley.web.visitor-refill", defaultValue = "PT2S") Duration visitorRefill,
            @ConfigProperty(name = "parley.web.address-burst", defaultValue = "120") int addressBurst,
            @ConfigProperty(name = "parley.web.address-refill", defaultValue = "PT0.5S") Duration addressRefill,
            @ConfigProperty(name = "parley.web.trust-forwarded-for", defaultValue = "true") boolean trustForwardedFor) {
        this.registry = registry;
        this.workspace = workspace;
        this.log = log;
        this.metrics = metrics;
        this.tokens = secretKey.filter(key -> !key.isBlank())
                .map(key -> VisitorTokens.fromWorkspaceKey(key, tokenMaxAge, clock));
        this.intake = new WebIntake(maxTextLength);
        this.perVisitor = new RateLimiter(visitorBurst, visitorRefill, clock);
        this.perAddress = new RateLimiter(addressBurst, addressRefill, clock);
        this.maxBodyBytes = maxBodyBytes;
        this.trustForwardedFor = trustForwardedFor;
    }

    /** {@code token} continues a session; {@code userId} with {@code userHash} signs a known user in. */
    public record SessionRequest(String token, String userId, String userHash) {
    }

    public record Session(String token, String visitor, String conversationId, String channelId) {
    }

    public record Accepted(String messageId, String conversationId) {
    }

    @POST
    @Path("/sessions")
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, ApiErrors.PROBLEM_JSON})
    @Operation(summary = "Starts or continues a visitor's session; a signed user id (userHash) follows the user")
    public Response session(@PathParam("channelId") String channelId, @Context HttpHeaders headers,
            @Context HttpServerRequest request, byte[] body) {
        Optional<Response> refused = limited(perAddress, "ip:" + addressOf(request, headers));
        if (refused.isPresent()) {
            return refused.get();
        }
        ChannelAccount channel;
        try {
            channel = channel(channelId, headers.getHeaderString("Origin"));
        } catch (Refusal refusal) {
            return refusal.response;
        }
        if (tokens.isEmpty()) {
            return problem(503, "Visitor sessions unavailable", "ingest-service has no parley.workspace.secret-key, "
                    + "which signs visitor tokens: give it the key the workspace admin API uses");
        }
        SessionRequest form = body.length == 0 ? new SessionRequest(null, null, null)
                : read(body, SessionRequest.class).orElse(null);
        if (form == null) {
            return problem(400, "Invalid session request", "send JSON {\"token\"?, \"userId\"?, \"userHash\"?}");
        }
        Optional<VisitorToken> current = tokens.get().verify(form.token())
                .filter(token -> token.tenant().equals(channel.tenant()) && token.channelId().equals(channelId));
        String visitor;
        if (form.userId() != null) {
            if (!USER_ID.matcher(form.userId()).matches()) {
                return problem(400, "Invalid user id", "userId must be 1-128 characters without spaces or '|'");
            }
            if (channel.identitySecret() == null) {
                metrics.webhook(Channel.WEB, "unauthorized");
                return problem(401, "Signed identity not set up", "web channel '" + channelId + "' has no "
                        + "identitySecret, so a user id cannot be checked: an admin sets one under "
                        + "/api/v1/admin/channels/web/" + channelId + ", or leave userId out for an anonymous visitor");
            }
            if (!SignedIdentity.matches(channel.identitySecret(), form.userId(), form.userHash())) {
                metrics.webhook(Channel.WEB, "unauthorized");
                return problem(401, "Identity not signed", "userHash must be the hex HMAC-SHA256 of userId under the "
                        + "channel's identitySecret, computed on your server (docs/web-widget.md); an unsigned or "
                        + "wrongly signed claim to be a user is refused");
            }
            visitor = VisitorToken.USER_PREFIX + form.userId();
        } else {
            visitor = current.filter(token -> token.userId() == null).map(VisitorToken::visitor)
                    .orElse(VisitorToken.ANONYMOUS_PREFIX + UUID.randomUUID());
        }
        String token = tokens.get().issue(channel.tenant(), channelId, visitor);
        VisitorToken issued = tokens.get().verify(token).orElseThrow();
        return Response.ok(new Session(token, visitor, issued.conversation().toString(), channelId)).build();
    }

    @POST
    @Path("/messages")
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, ApiErrors.PROBLEM_JSON})
    @Operation(summary = "A visitor's message (text, or the option they clicked) with the page URL and locale")
    public Response message(@PathParam("channelId") String channelId, @Context HttpHeaders headers,
            @Context HttpServerRequest request, byte[] body) {
        return post(channelId, headers, request, body, WebIntake.Post.class, intake::problems, intake::message);
    }

    @POST
    @Path("/leave-message")
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, ApiErrors.PROBLEM_JSON})
    @Operation(summary = "A message left while nobody is available, with an e-mail or phone: becomes a ticket")
    public Response leaveMessage(@PathParam("channelId") String channelId, @Context HttpHeaders headers,
            @Context HttpServerRequest request, byte[] body) {
        return post(channelId, headers, request, body, WebIntake.LeftMessage.class, intake::problems,
                intake::leaveMessage);
    }

    /** CORS preflight; {@link VisitorCors} adds the allowed origin, or refuses others. */
    @OPTIONS
    @Path("/{any: .*}")
    public Response preflight() {
        return Response.noContent().header("Access-Control-Allow-Methods", "POST, OPTIONS")
                .header("Access-Control-Allow-Headers", "Authorization, Content-Type")
                .header("Access-Control-Max-Age", "600").build();
    }

    @FunctionalInterface
    private interface Check<T> {
        List<String> problems(VisitorToken visitor, T post);
    }

    @FunctionalInterface
    private interface Events<T> {
        List<Event> of(VisitorToken visitor, T post, java.time.Instant now);
    }

    private <T> Response post(String channelId, HttpHeaders headers, HttpServerRequest request, byte[] body,
            Class<T> type, Check<T> check, Events<T> events) {
        Optional<Response> limited = limited(perAddress, "ip:" + addressOf(request, headers));
        if (limited.isPresent()) {
            return limited.get();
        }
        ChannelAccount channel;
        try {
            channel = channel(channelId, headers.getHeaderString("Origin"));
        } catch (Refusal refusal) {
            return refusal.response;
        }
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<VisitorToken> visitor = tokens.flatMap(t -> t.verify(authorization != null
                && authorization.startsWith(SCHEME) ? authorization.substring(SCHEME.length()).trim() : null))
                .filter(token -> token.tenant().equals(channel.tenant()) && token.channelId().equals(channelId));
        if (visitor.isEmpty()) {
            metrics.webhook(Channel.WEB, "unauthorized");
            return problem(401, "Visitor token required", "send Authorization: Visitor <token> with a token POST "
                    + "/web/v1/visitors/" + channelId + "/sessions gave (tokens expire: start a new session)");
        }
        limited = limited(perVisitor, "visitor:" + visitor.get().conversation());
        if (limited.isPresent()) {
            return limited.get();
        }
        if (body.length > maxBodyBytes) {
            metrics.webhook(Channel.WEB, "too-large");
            return problem(413, "Message too large", "the body has " + body.length + " bytes; at most "
                    + maxBodyBytes + " are taken (parley.web.max-body-size)");
        }
        DurableLog.Deadline deadline = log.deadline();
        String rawKey = Channel.WEB.wireName() + ":" + channelId;
        try {
            Optional<T> post = read(body, type);
            List<String> problems = post.map(p -> check.problems(visitor.get(), p))
                    .orElse(List.of("the body is not the JSON object this endpoint takes (docs/web-widget.md)"));
            if (!problems.isEmpty()) {
                log.appendRaw(rawKey, body, rawHeaders(headers), deadline); // refused, but kept like every body
                metrics.webhook(Channel.WEB, "invalid");
                boolean tooLong = problems.stream().allMatch(p -> p.contains("characters; at most"));
                return ApiErrors.response(tooLong ? 413 : 400, "The message cannot be taken", problems);
            }
            List<Event> appended = events.of(visitor.get(), post.get(), clock.instant());
            log.appendRawAndEvents(rawKey, body, rawHeaders(headers), appended, deadline);
            metrics.webhook(Channel.WEB, "accepted");
            metrics.events(Channel.WEB, appended.size());
            return Response.accepted(new Accepted(((io.parley.events.conversation.ConversationEvent.MessageReceived)
                    appended.get(0).data()).channelMessageId(), visitor.get().conversation().toString())).build();
        } catch (LogUnavailableException e) {
            metrics.webhook(Channel.WEB, "unavailable");
            LOG.warnf("web message not taken, the widget will retry: %s", e.getMessage());
            return Response.fromResponse(problem(503, "Try again", "the event log is unavailable; the widget retries"))
                    .header("Retry-After", "2").build();
        }
    }

    /** The channel, when it exists, takes messages, and the page's origin may embed it. */
    private ChannelAccount channel(String channelId, String origin) throws Refusal {
        Optional<ChannelAccount> account = registry.current().account(Channel.WEB, channelId);
        if (account.isEmpty()) {
            if (!workspace.caughtUp()) {
                throw new Refusal(Response.fromResponse(problem(503, "Starting", "ingest is still reading the "
                        + "workspace's channels; retry shortly")).header("Retry-After", "5").build());
            }
            throw new Refusal(problem(404, "No such web channel", "no web channel '" + channelId + "': an admin "
                    + "adds it with POST /api/v1/admin/channels {\"channel\": \"web\", \"accountId\": \"" + channelId
                    + "\", \"allowedOrigins\": [\"https://your.site\"]}"));
        }
        if (!account.get().enabled()) {
            metrics.webhook(Channel.WEB, "disabled");
            throw new Refusal(problem(403, "Channel disabled", "web channel '" + channelId + "' is disabled in its "
                    + "workspace and takes no messages; nothing was kept"));
        }
        if (origin != null && !WebChannelSettings.allows(account.get().allowedOrigins(), origin)) {
            metrics.webhook(Channel.WEB, "origin-refused");
            throw new Refusal(problem(403, "Origin not allowed", "a page at " + origin + " may not embed web channel '"
                    + channelId + "': an admin adds the origin to the channel's allowedOrigins"));
        }
        return account.get();
    }

    private Optional<Response> limited(RateLimiter limiter, String key) {
        return limiter.acquire(key).map(wait -> {
            metrics.webhook(Channel.WEB, "rate-limited");
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            return Response.fromResponse(problem(429, "Too many requests", "slow down: try again in " + seconds
                    + " s")).header("Retry-After", String.valueOf(seconds)).build();
        });
    }

    /** Behind the gateway or a load balancer the visitor's address is the first X-Forwarded-For entry. */
    private String addressOf(HttpServerRequest request, HttpHeaders headers) {
        String forwarded = headers.getHeaderString("X-Forwarded-For");
        if (trustForwardedFor && forwarded != null && !forwarded.isBlank()) {
            return forwarded.split(",")[0].trim();
        }
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    private static <T> Optional<T> read(byte[] body, Class<T> type) {
        try {
            return Optional.ofNullable(JSON.readValue(body, type));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> rawHeaders(HttpHeaders headers) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : List.of("Origin", "User-Agent", "Content-Type", "Referer")) {
            String value = headers.getHeaderString(name);
            if (value != null) {
                kept.put(name.toLowerCase(java.util.Locale.ROOT), value);
            }
        }
        kept.put("parley-channel", Channel.WEB.wireName());
        kept.put("parley-received-at", java.time.Instant.now().toString());
        return kept;
    }

    private static Response problem(int status, String title, String detail) {
        return ApiErrors.response(status, title, List.of(detail));
    }

    /** A request refused before its body is read. */
    private static final class Refusal extends Exception {
        private final transient Response response;

        Refusal(Response response) {
            super(null, null, false, false);
            this.response = response;
        }
    }
}
