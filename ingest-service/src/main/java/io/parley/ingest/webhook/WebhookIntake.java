package io.parley.ingest.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.events.Channel;
import io.parley.ingest.channel.ChannelRegistry;
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
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * An authenticated webhook body's way into the log: raw body to {@code webhooks-raw} first (so nothing accepted is
 * ever lost, even what cannot be normalised), then its events to {@code conversation-events}; accepted only once
 * Kafka has acknowledged every record.
 */
@ApplicationScoped
public class WebhookIntake {

    private static final Logger LOG = Logger.getLogger(WebhookIntake.class);
    public static final String UNKNOWN_ACCOUNT = "unknown";

    private final DurableLog log;
    private final WebhookNormalizer normalizer;
    private final IngestMetrics metrics;

    public WebhookIntake(DurableLog log, ChannelRegistry registry, IngestMetrics metrics) {
        this.log = log;
        this.normalizer = new WebhookNormalizer(registry, Clock.systemUTC());
        this.metrics = metrics;
    }

    /** Outcome of one webhook, mapped to an HTTP status by the resource. */
    public enum Outcome { ACCEPTED, INVALID, UNAVAILABLE }

    public record Result(Outcome outcome, String message) {
    }

    public Result receive(Channel channel, String apiChannelId, byte[] body, Map<String, String> headers) {
        DurableLog.Deadline deadline = log.deadline();
        JsonNode json;
        try {
            json = WebhookNormalizer.parse(body);
        } catch (InvalidWebhookException e) {
            return keepInvalid(channel, apiChannelId == null ? UNKNOWN_ACCOUNT : apiChannelId, body, headers, e,
                    deadline);
        }
        String account = apiChannelId != null ? apiChannelId : accountOf(channel, json);
        try {
            log.appendRaw(channel.wireName() + ":" + account, body, rawHeaders(channel, headers), deadline);
            Normalization normalization;
            try {
                normalization = apiChannelId != null
                        ? normalizer.normalizeApi(apiChannelId, json)
                        : normalizer.normalize(channel, json);
            } catch (InvalidWebhookException e) {
                metrics.webhook(channel, "invalid");
                return new Result(Outcome.INVALID, e.getMessage());
            }
            log.appendEvents(normalization.events(), deadline);
            metrics.webhook(channel, "accepted");
            metrics.events(channel, normalization.events().size());
            normalization.unhandled().forEach(unhandled -> report(channel, unhandled));
            return new Result(Outcome.ACCEPTED, normalization.events().size() + " events");
        } catch (LogUnavailableException e) {
            return unavailable(channel, e);
        }
    }

    private Result keepInvalid(Channel channel, String account, byte[] body, Map<String, String> headers,
                               InvalidWebhookException invalid, DurableLog.Deadline deadline) {
        try {
            log.appendRaw(channel.wireName() + ":" + account, body, rawHeaders(channel, headers), deadline);
        } catch (LogUnavailableException e) {
            return unavailable(channel, e);
        }
        metrics.webhook(channel, "not-json");
        return new Result(Outcome.INVALID, invalid.getMessage());
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
