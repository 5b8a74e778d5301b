package io.parley.routing.rules;

import io.parley.events.Channel;
import java.time.Instant;

/** What the rules look at when a conversation needs a person. {@code normalizedText} comes from {@link TextNormalizer}. */
public record RoutingContext(
        String normalizedText,
        String language,
        Channel channel,
        ContactProfile contact,
        String pageUrl,
        String handoffReason,
        Instant at) {
}
