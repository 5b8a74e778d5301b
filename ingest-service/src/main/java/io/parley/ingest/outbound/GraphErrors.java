package io.parley.ingest.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.ingest.normalize.Json;
import java.io.IOException;
import java.util.Set;

/**
 * Reads a Graph API error reply and decides whether a retry may succeed: throttling and server trouble yes
 * (HTTP 429/5xx, codes 130429 and 131056 for WhatsApp throughput and pair rate, 4/17/32/613/80007 for app and page
 * limits, 1/2/131000/131016/133004 for temporary failures); everything else, such as 131047 (outside the 24-hour
 * window) or 131026 (undeliverable), is permanent and fails fast. A 5xx does not say whether the message was taken
 * before the failure, so it is an unknown outcome ({@link SendResult#unknown}), not retried automatically.
 */
public final class GraphErrors {

    private static final Set<Integer> RETRYABLE_CODES =
            Set.of(1, 2, 4, 17, 32, 613, 80007, 130429, 131000, 131016, 131056, 133004);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GraphErrors() {
    }

    public static SendResult fromReply(int httpStatus, byte[] body) {
        JsonNode error = parse(body).path("error");
        Integer code = Json.integer(error, "code");
        String message = Json.text(error, "message");
        String details = Json.text(error, "error_data", "details");
        String title = message == null ? "HTTP " + httpStatus : message + (details == null ? "" : ": " + details);
        if (httpStatus >= 500) {
            return SendResult.unknown(code, title);
        }
        boolean retryable = httpStatus == 429 || code != null && RETRYABLE_CODES.contains(code);
        return SendResult.failed(code, title, retryable);
    }

    static JsonNode parse(byte[] body) {
        try {
            JsonNode json = MAPPER.readTree(body);
            return json == null ? MAPPER.createObjectNode() : json;
        } catch (IOException e) {
            return MAPPER.createObjectNode();
        }
    }
}
