package io.parley.events.kafka;

import io.parley.events.Event;
import io.parley.events.envelope.EventCodec;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes events as CloudEvents structured JSON with the {@code content-type} header, so any Kafka tool can tell what
 * a record is. Configure it as a channel's {@code value.serializer}; the record key is the event's subject.
 */
public class EventSerializer implements Serializer<Event> {

    public static final String CONTENT_TYPE_HEADER = "content-type";

    @Override
    public byte[] serialize(String topic, Event event) {
        return event == null ? null : EventCodec.encode(event);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Event event) {
        if (event != null) {
            headers.remove(CONTENT_TYPE_HEADER);
            headers.add(CONTENT_TYPE_HEADER, EventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        }
        return serialize(topic, event);
    }
}
