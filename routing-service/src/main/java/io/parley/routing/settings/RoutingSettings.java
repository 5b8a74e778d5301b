package io.parley.routing.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A tenant's routing settings. {@code botEnabled} false means the tenant has no bot: a new conversation's first
 * customer message asks for a person at once, as a handoff would.
 */
public record RoutingSettings(boolean botEnabled) {

    public static final RoutingSettings DEFAULT = new RoutingSettings(true);

    /** A setting left out keeps its default, so {@code {}} means the defaults. */
    @JsonCreator
    public static RoutingSettings of(@JsonProperty("botEnabled") Boolean botEnabled) {
        return new RoutingSettings(botEnabled == null || botEnabled);
    }
}
