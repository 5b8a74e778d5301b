package io.parley.events.state;

import io.parley.events.Event;
import io.parley.events.EventData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds one conversation's events a second apart, as the services would append them. */
final class Timeline {

    static final String CONVERSATION = "whatsapp:106540352242922:16505551234";
    private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

    private final List<Event> events = new ArrayList<>();

    Timeline then(String writer, EventData data) {
        int second = events.size();
        events.add(new Event("e-" + second, "/" + writer, CONVERSATION, START.plusSeconds(second), "acme", null, data));
        return this;
    }

    List<Event> events() {
        return List.copyOf(events);
    }
}
