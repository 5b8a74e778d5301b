package io.parley.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.events.Channel;
import io.parley.ingest.api.ApiChannelNormalizer;
import io.parley.ingest.channel.TenantResolver;
import io.parley.ingest.messaging.MessagingNormalizer;
import io.parley.ingest.whatsapp.WhatsAppNormalizer;
import java.io.IOException;
import java.time.Clock;

/**
 * Webhook body → the events Parley publishes for it, for every channel, without Quarkus or Kafka. The service and
 * {@code parley normalize} both go through here.
 */
public final class WebhookNormalizer {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final TenantResolver tenants;
    private final ApiChannelNormalizer api;

    public WebhookNormalizer(TenantResolver tenants, Clock clock) {
        this.tenants = tenants;
        this.api = new ApiChannelNormalizer(clock);
    }

    /** Reads a body as JSON without changing it; the caller keeps the bytes for the raw topic. */
    public static JsonNode parse(byte[] body) {
        try {
            JsonNode json = MAPPER.readTree(body);
            if (json == null || !json.isObject()) {
                throw new InvalidWebhookException("webhook body is not a JSON object");
            }
            return json;
        } catch (IOException e) {
            throw new InvalidWebhookException("webhook body is not JSON: " + e.getMessage(), e);
        }
    }

    /** A Meta channel's body (WhatsApp, Messenger, Instagram). */
    public Normalization normalize(Channel channel, JsonNode body) {
        EventCollector out = new EventCollector(tenants);
        switch (channel) {
            case WHATSAPP -> new WhatsAppNormalizer().normalize(body, out);
            case MESSENGER -> MessagingNormalizer.messenger().normalize(body, out);
            case INSTAGRAM -> MessagingNormalizer.instagram().normalize(body, out);
            case API -> throw new IllegalArgumentException("API-channel bodies need their channel id: use normalizeApi");
            case WEB -> throw new IllegalArgumentException("web-channel messages come from visitors through "
                    + "/web/v1/visitors (WebIntake), not from webhooks");
        }
        return out.result();
    }

    /** A generic API channel's body, posted to {@code /webhooks/api/{channelId}}. */
    public Normalization normalizeApi(String channelId, JsonNode body) {
        EventCollector out = new EventCollector(tenants);
        api.normalize(channelId, body, out);
        return out.result();
    }
}
