package io.parley.events;

import io.parley.events.ids.EventIds;
import java.time.Instant;
import java.util.Objects;

/**
 * One CloudEvents 1.0 event of the log. {@code subject} is the stream key (conversation id or agent id) and the
 * Kafka record key; {@code causationId} is the id of the event this one reacts to, if any.
 */
public record Event(
        String id,
        String source,
        String subject,
        Instant time,
        String tenant,
        String causationId,
        EventData data) {

    public Event {
        requireText(id, "id");
        requireText(source, "source");
        requireText(subject, "subject");
        Objects.requireNonNull(time, "time");
        requireText(tenant, "tenant");
        Objects.requireNonNull(data, "data");
    }

    public String type() {
        return EventTypes.typeOf(data);
    }

    /** An event caused by this one, for the same subject and tenant, with an id derived from this one's. */
    public Event reaction(String purpose, String source, Instant time, EventData data) {
        return new Event(EventIds.derived(id, purpose), source, subject, time, tenant, id, data);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("event " + name + " must not be blank");
        }
    }
}
