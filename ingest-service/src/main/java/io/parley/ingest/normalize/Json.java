package io.parley.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Null-tolerant reads of channel JSON, whose optional fields come and go. */
public final class Json {

    private Json() {
    }

    /** The text at {@code path}, or null when missing, null or blank. */
    public static String text(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        if (value.isMissingNode() || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    /** The first of {@code values} that is not null. */
    public static String firstOf(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    public static Double number(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value.isNumber() || value.isTextual() && !value.asText().isBlank() ? value.asDouble() : null;
    }

    public static Integer integer(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value.isNumber() || value.isTextual() && !value.asText().isBlank() ? value.asInt() : null;
    }

    public static boolean isTrue(JsonNode node, String... path) {
        return at(node, path).asBoolean(false);
    }

    public static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String field : path) {
            current = current.path(field);
        }
        return current;
    }

    public static List<String> texts(JsonNode array, String field) {
        List<String> result = new ArrayList<>();
        for (JsonNode item : array) {
            String value = text(item, field);
            if (value != null) {
                result.add(value);
            }
        }
        return result;
    }

    public static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return String.join(",", names);
    }

    public static Instant epochSeconds(String seconds) {
        return Instant.ofEpochSecond(Long.parseLong(seconds));
    }

    public static Instant epochMillis(JsonNode millis) {
        return Instant.ofEpochMilli(millis.asLong());
    }
}
