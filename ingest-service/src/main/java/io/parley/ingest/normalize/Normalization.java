package io.parley.ingest.normalize;

import io.parley.events.Event;
import java.util.List;

/** What one webhook body becomes: events in the order the channel sent them, and what could not be turned into one. */
public record Normalization(List<Event> events, List<Unhandled> unhandled) {

    public Normalization {
        events = List.copyOf(events);
        unhandled = List.copyOf(unhandled);
    }
}
