package io.parley.devstack.simulate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.devstack.simulate.Ledger.Author;
import io.parley.devstack.simulate.Ledger.Reply;
import io.parley.testkit.recording.Arrivals.Arrival;
import java.util.Optional;

/**
 * Reads a reply where it left Parley: a Graph API send (WhatsApp Cloud API, Messenger/Instagram Send API) at the fake
 * Graph API, or an API-channel callback at the widget inbox. Read receipts and anything unreadable are not replies.
 * A reply carrying {@link #AGENT_MARKER} was written by a simulated agent.
 */
final class Replies {

    /** Simulated agents end each reply with this, then the run and a number: {@code #sim-agent-<run>-<n>}. */
    static final String AGENT_MARKER = "#sim-agent-";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Replies() {
    }

    static Optional<Reply> fromGraph(Arrival arrival) {
        JsonNode body = parse(arrival.body());
        if (body == null || !arrival.path().endsWith("/messages")) {
            return Optional.empty();
        }
        if ("whatsapp".equals(body.path("messaging_product").asText())) {
            if (body.has("status") || !body.has("to")) {
                return Optional.empty();
            }
            String text = body.path("text").path("body").asText(body.path("interactive").path("body").path("text")
                    .asText(""));
            return Optional.of(reply(body.path("to").asText(), body.path("biz_opaque_callback_data").asText(null),
                    text, arrival.atMicros()));
        }
        JsonNode recipient = body.path("recipient").path("id");
        if (recipient.isMissingNode()) {
            return Optional.empty();
        }
        JsonNode message = body.path("message");
        String deliveryId = message.hasNonNull("metadata") ? message.path("metadata").asText() : null;
        return Optional.of(reply(recipient.asText(), deliveryId, message.path("text").asText(""), arrival.atMicros()));
    }

    static Optional<Reply> fromCallback(Arrival arrival) {
        JsonNode body = parse(arrival.body());
        if (body == null || !body.hasNonNull("userId")) {
            return Optional.empty();
        }
        return Optional.of(reply(body.path("userId").asText(), body.path("messageId").asText(null),
                body.path("content").path("text").asText(""), arrival.atMicros()));
    }

    private static Reply reply(String userId, String deliveryId, String text, long atMicros) {
        return new Reply(userId, text.contains(AGENT_MARKER) ? Author.AGENT : Author.BOT, deliveryId, text, atMicros);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
