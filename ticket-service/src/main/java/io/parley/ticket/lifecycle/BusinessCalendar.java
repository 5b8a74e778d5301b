package io.parley.ticket.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The business hours of every tenant, optionally refined per team (key {@code tenant/team}). A tenant without an
 * entry is open around the clock, so business-hours SLA policies behave like wall-clock ones for it.
 */
public record BusinessCalendar(Map<String, BusinessHours> hours) {

    public static final BusinessCalendar ALWAYS_OPEN = new BusinessCalendar(Map.of());

    public BusinessCalendar {
        hours = Map.copyOf(hours);
    }

    public static String key(String tenant, String team) {
        return team == null ? tenant : tenant + "/" + team;
    }

    /** The deadline {@code amount} after {@code start}, counted in business time when {@code businessHours}. */
    public Instant deadline(String tenant, String team, Instant start, Duration amount, boolean businessHours) {
        BusinessHours open = businessHours ? hoursOf(tenant, team) : null;
        return open == null ? start.plus(amount) : open.plus(start, amount);
    }

    /** The time that counts against a target between two instants: business time when {@code businessHours}. */
    public Duration elapsed(String tenant, String team, Instant start, Instant end, boolean businessHours) {
        BusinessHours open = businessHours ? hoursOf(tenant, team) : null;
        if (open != null) {
            return open.between(start, end);
        }
        return end.isAfter(start) ? Duration.between(start, end) : Duration.ZERO;
    }

    private BusinessHours hoursOf(String tenant, String team) {
        BusinessHours teamHours = team == null ? null : hours.get(key(tenant, team));
        return teamHours != null ? teamHours : hours.get(tenant);
    }
}
