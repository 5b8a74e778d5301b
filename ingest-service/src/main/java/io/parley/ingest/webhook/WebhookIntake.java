package io.parley.ingest.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.events.Channel;
import io.parley.ingest.channel.ChannelDirectory;
import io.parley.ingest.channel.TenantResolver;
import io.parley.ingest.kafka.DurableLog;
import io.parley.ingest.kafka.LogUnavailableException;
import io.parley.ingest.normalize.InvalidWebhookException;
import io.parley.ingest.normalize.Json;
import io.parley.ingest.normalize.Normalization;
import io.parley.ingest.normalize.Unhandled;
import io.parley.ingest.normalize.WebhookNormalizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * An authenticated webhook body's way into the log: the raw body to {@code webhooks-raw} (so nothing accepted is ever
 * lost, even what cannot be normalised) and its events to {@code conversation-events}, sent together and accepted only
 * once Kafka has acknowledged every record (acks=all). A body that cannot be normalised is still kept raw. The answer
 * is a stage that completes on Kafka's acknowledgement: no request thread waits for the broker.
 */
@ApplicationScoped
public class WebhookIntake {

    private static final Logger LOG = Logger.getLogger(WebhookIntake.class);
    public static final String UNKNOWN_ACCOUNT = "unknown";

    private final DurableLog log;
    private final IngestMetrics metrics;

    public WebhookIntake(DurableLog log, IngestMetrics metrics) {
        this.log = log;
        this.metrics = metrics;
    }

    /** Outcome of one webhook, mapped to an HTTP status by the resource. */
    public enum Outcome { ACCEPTED, INVALID, UNAUTHORIZED, UNAVAILABLE }

    public record Result(Outcome outcome, String message) {
    }

    /**
     * A Meta body whose signature matched {@code signingSecret}: refused as a whole when it names a known account of
     * another app ({@link SignatureRule}), else kept raw and normalised with the tenants that secret may speak for.
     */
    public CompletionStage<Result> receiveMeta(Channel channel, byte[] body, Map<String, String> headers,
                                               ChannelDirectory directory, String signingSecret) {
        return receive(channel, null, body, headers,
                json -> SignatureRule.refusal(directory, channel, signingSecret, json),
                directory.signedWith(signingSecret));
    }

    /** An API-channel post whose bearer token matched the channel's. */
    public CompletionStage<Result> receiveApi(String channelId, byte[] body, Map<String, String> headers,
                                              ChannelDirectory directory) {
        return receive(Channel.API, channelId, body, headers, json -> Optional.empty(), directory);
    }

    private CompletionStage<Result> receive(Channel channel, String apiChannelId, byte[] body,
                                            Map<String, String> headers, Function<JsonNode, Optional<String>> refusal,
                                            TenantResolver tenants) {
        DurableLog.Deadline deadline = log.deadline();
        JsonNode json;
        try {
            json = WebhookNormalizer.parse(body);
        } catch (InvalidWebhookException e) {
            return keepInvalid(channel, channel.wireName() + ":" + (apiChannelId == null ? UNKNOWN_ACCOUNT
                    : apiChannelId), body, headers, e, "not-json", deadline);
        }
        Optional<String> refused = refusal.apply(json);
        if (refused.isPresent()) {
            metrics.webhook(channel, "unauthorized");
            LOG.warnf("%s webhook refused: %s", channel.wireName(), refused.get());
            return CompletableFuture.completedFuture(new Result(Outcome.UNAUTHORIZED, refused.get()));
        }
        String account = apiChannelId != null ? apiChannelId : accountOf(channel, json);
        String rawKey = channel.wireName() + ":" + account;
        WebhookNormalizer normalizer = new WebhookNormalizer(tenants, Clock.systemUTC());
        Normalization normalization;
        try {
            normalization = apiChannelId != null
                    ? normalizer.normalizeApi(apiChannelId, json)
                    : normalizer.normalize(channel, json);
        } catch (InvalidWebhookException e) {
            return keepInvalid(channel, rawKey, body, headers, e, "invalid", deadline);
        } catch (RuntimeException e) {
            // the normalisers isolate each part; this is the net for a body they could not even take apart
            normalization = new Normalization(List.of(), List.of(new Unhandled(Unhandled.UNREADABLE,
                    channel.wireName() + " body: " + e)));
        }
        // normalising is pure, so the raw body and its events go out together and are acknowledged together
        Normalization normalized = normalization;
        return log.sendRawAndEvents(rawKey, body, rawHeaders(channel, headers), normalized.events(), deadline)
                .handle((acknowledged, failure) -> {
                    if (failure != null) {
                        return unavailable(channel, DurableLog.failureOf(failure));
                    }
                    metrics.webhook(channel, "accepted");
                    metrics.events(channel, normalized.events().size());
                    normalized.unhandled().forEach(unhandled -> report(channel, unhandled));
                    return new Result(Outcome.ACCEPTED, normalized.events().size() + " events");
                });
    }

    /** A body that is refused (400) is still kept raw, like every authenticated body. */
    private CompletionStage<Result> keepInvalid(Channel channel, String rawKey, byte[] body,
                                                Map<String, String> headers, InvalidWebhookException invalid,
                                                String outcome, DurableLog.Deadline deadline) {
        return log.sendRawAndEvents(rawKey, body, rawHeaders(channel, headers), List.of(), deadline)
                .handle((acknowledged, failure) -> {
                    if (failure != null) {
                        return unavailable(channel, DurableLog.failureOf(failure));
                    }
                    metrics.webhook(channel, outcome);
                    return new Result(Outcome.INVALID, invalid.getMessage());
                });
    }

    private Result unavailable(Channel channel, LogUnavailableException e) {
        metrics.webhook(channel, "unavailable");
        LOG.warnf("%s webhook not accepted, the sender will retry: %s", channel.wireName(), e.getMessage());
        return new Result(Outcome.UNAVAILABLE, "event log unavailable, retry later");
    }

    private void report(Channel channel, Unhandled unhandled) {
        metrics.unhandled(channel, unhandled);
        if (!Unhandled.OWN_ECHO.equals(unhandled.reason())) {
            LOG.infof("%s webhook part kept raw only (%s): %s", channel.wireName(), unhandled.reason(),
                    unhandled.detail());
        }
    }

    /** The account a body is about, for the raw record's key: phone number id for WhatsApp, else the entry id. */
    static String accountOf(Channel channel, JsonNode json) {
        JsonNode entry = json.path("entry").path(0);
        String account = channel == Channel.WHATSAPP
                ? Json.text(entry.path("changes").path(0), "value", "metadata", "phone_number_id")
                : Json.text(entry, "id");
        return account == null ? UNKNOWN_ACCOUNT : account;
    }

    /** Request headers worth keeping with the raw body; credentials are never stored. */
    private static Map<String, String> rawHeaders(Channel channel, Map<String, String> headers) {
        Map<String, String> kept = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("authorization") && !lower.equals("cookie")) {
                kept.put(lower, value);
            }
        });
        kept.put("parley-channel", channel.wireName());
        kept.put("parley-received-at", Instant.now().toString());
        return kept;
    }
}
