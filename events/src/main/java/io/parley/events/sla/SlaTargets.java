package io.parley.events.sla;

import io.parley.events.conversation.ConversationEvent.SlaMetric;
import java.time.Duration;

/**
 * An SLA policy: how long a conversation of one priority may wait for each metric before it is breached, and the
 * share of conversations that should make it (80% within 20 s for live chat, 90% within 5 min for messaging).
 *
 * @param businessHours the clock only runs inside the tenant's (or team's) business hours
 * @param goalPercent   the attainment aimed at, reported next to the measured one
 */
public record SlaTargets(Duration firstReply, Duration nextReply, Duration resolution, boolean businessHours,
        int goalPercent) {

    public SlaTargets {
        if (goalPercent < 1 || goalPercent > 100) {
            throw new IllegalArgumentException(
                    "SLA goal " + goalPercent + "% is not a percentage: use 1..100, e.g. 90");
        }
    }

    public Duration target(SlaMetric metric) {
        return switch (metric) {
            case FIRST_REPLY -> firstReply;
            case NEXT_REPLY -> nextReply;
            case RESOLUTION -> resolution;
        };
    }
}
