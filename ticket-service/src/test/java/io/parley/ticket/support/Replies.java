package io.parley.ticket.support;

import java.util.Map;
import java.util.UUID;

/** Reply bodies as a client writes them. */
public final class Replies {

    private Replies() {
    }

    /** A text reply, with the message id a client makes once per reply so that a retry is never sent twice. */
    public static Map<String, Object> text(String text) {
        return Map.of("messageId", UUID.randomUUID().toString(), "text", text);
    }
}
