package io.parley.events.envelope;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.parley.events.Event;
import io.parley.events.EventData;
import io.parley.events.EventTypes;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * Bytes ↔ events in CloudEvents 1.0 structured JSON mode. A tolerant reader: unknown fields are ignored and events
 * of an unknown type are skipped (empty), so old consumers keep flowing when new types appear. Anything that is not a
 * CloudEvent at all is a {@link MalformedEventException}, for the consumer's dead-letter topic.
 */
public final class EventCodec {

    public static final String CONTENT_TYPE = "application/cloudevents+json";
    public static final String SPEC_VERSION = "1.0";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private EventCodec() {
    }

    /** The mapper events are written with, for code that embeds event data in other JSON. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * The event as a record value. Written straight from the event, without building {@link #toJson}'s tree first
     * (that tree was most of the cost of writing an event): the same bytes, which {@code GoldenEventsTest} checks for
     * every type.
     */
    public static byte[] encode(Event event) {
        try {
            return MAPPER.writeValueAsBytes(Structured.of(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + event.id() + " of type " + event.type(), e);
        }
    }

    /** The event as a JSON tree, for code that embeds events in other JSON; {@link #encode} writes the same. */
    public static ObjectNode toJson(Event event) {
        return MAPPER.valueToTree(Structured.of(event));
    }

    /** The structured-mode envelope, attributes in the order they have always been written in. */
    @JsonPropertyOrder({"specversion", "id", "source", "type", "subject", "time", "tenant", "causationid",
            "datacontenttype", "data"})
    record Structured(String specversion, String id, String source, String type, String subject, String time,
                      String tenant, @JsonInclude(JsonInclude.Include.NON_NULL) String causationid,
                      String datacontenttype, EventData data) {

        static Structured of(Event event) {
            return new Structured(SPEC_VERSION, event.id(), event.source(), event.type(), event.subject(),
                    event.time().toString(), event.tenant(), event.causationId(), "application/json", event.data());
        }
    }

    /**
     * Reads one record value. Empty when the type is unknown to this reader.
     *
     * @throws MalformedEventException when the bytes are not a Parley CloudEvent (not JSON, attributes missing, data
     *                                 not of the type's shape)
     */
    public static Optional<Event> decode(byte[] bytes) {
        return fromJson(readTree(bytes));
    }

    /**
     * Reads one record value when its type is one of {@code types}, for a reader that handles a few types of a shared
     * log: what is not a CloudEvent still throws, but the data of any other type is not bound (its times not parsed)
     * and it is empty, as an unknown type is. Binding every event only to skip most of them was most of the work of
     * ingest's outbound consumer.
     *
     * @throws MalformedEventException when the bytes are not a CloudEvent, or an event of one of {@code types} is not
     *                                 readable
     */
    public static Optional<Event> decode(byte[] bytes, Set<String> types) {
        JsonNode json = readTree(bytes);
        return types.contains(typeOf(json)) ? fromJson(json) : Optional.empty();
    }

    private static JsonNode readTree(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedEventException("empty record value: expected a CloudEvents JSON object");
        }
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new MalformedEventException("record value is not JSON: " + e.getMessage(), e);
        }
    }

    /** The type of a CloudEvent of the supported spec version. */
    private static String typeOf(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new MalformedEventException("record value is not a JSON object");
        }
        String specVersion = text(json, "specversion");
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new MalformedEventException("unsupported CloudEvents specversion '" + specVersion + "', expected 1.0");
        }
        return text(json, "type");
    }

    public static Optional<Event> fromJson(JsonNode json) {
        String type = typeOf(json);
        Optional<Class<? extends EventData>> dataClass = EventTypes.dataClassOf(type);
        if (dataClass.isEmpty()) {
            return Optional.empty();
        }
        JsonNode data = json.get("data");
        if (data == null || !data.isObject()) {
            throw new MalformedEventException("event " + text(json, "id") + " of type " + type + " has no data object");
        }
        try {
            return Optional.of(new Event(
                    text(json, "id"),
                    text(json, "source"),
                    text(json, "subject"),
                    Instant.parse(text(json, "time")),
                    text(json, "tenant"),
                    optionalText(json, "causationid"),
                    MAPPER.treeToValue(data, dataClass.get())));
        } catch (JsonProcessingException | IllegalArgumentException | DateTimeParseException e) {
            throw new MalformedEventException(
                    "event of type " + type + " is not readable: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode json, String attribute) {
        JsonNode value = json.get(attribute);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new MalformedEventException("CloudEvent attribute '" + attribute + "' is missing or not a string");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode json, String attribute) {
        JsonNode value = json.get(attribute);
        return value == null || value.isNull() ? null : value.asText();
    }
}
