package io.parley.ticket.visitor;

import io.parley.events.hours.BusinessHours;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * What the widget tells a visitor before they write (the notice board): whether people answer now, by the workspace's
 * business hours (the {@code default} calendar, as the bot's after-hours handoff reads it for a conversation without a
 * team) and by whether any agent is online; the hours themselves, and when people answer next.
 *
 * @param hours null when the workspace set none (open around the clock)
 */
public record ChannelNotice(String channelId, String name, boolean withinHours, boolean agentsOnline,
        BusinessHours hours, ZonedDateTime nextOpening) {

    public static ChannelNotice of(String channelId, String name, Optional<BusinessHours> hours,
            boolean agentsOnline, Instant now) {
        boolean withinHours = hours.map(calendar -> calendar.isOpen(now)).orElse(true);
        ZonedDateTime next = withinHours ? null : hours.flatMap(calendar -> calendar.nextOpening(now)).orElse(null);
        return new ChannelNotice(channelId, name, withinHours, agentsOnline, hours.orElse(null), next);
    }

    /** Whether a person can answer now; otherwise the widget offers to leave a message. */
    public boolean staffed() {
        return withinHours && agentsOnline;
    }
}
