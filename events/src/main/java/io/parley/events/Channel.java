package io.parley.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** A messaging channel; its wire name is the first segment of a conversation id. */
public enum Channel {
    WHATSAPP, MESSENGER, INSTAGRAM, API,
    /** Parley's own web messenger (the chat widget); visitors talk to ingest's {@code /web/v1} surface. */
    WEB;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Channel fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(channel -> channel.wireName().equals(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown channel '" + wireName + "': expected one of whatsapp, messenger, instagram, api, web"));
    }
}
