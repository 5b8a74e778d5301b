package io.parley.analytics.figures;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** A half-open span of time {@code [from, to)} over which period figures are counted. */
public record Period(Instant from, Instant to) {

    public Period {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new IllegalArgumentException("a period needs 'from' before 'to' (ISO instants such as"
                    + " 2026-11-22T00:00:00Z), got from=" + from + " to=" + to);
        }
    }

    public boolean contains(Instant at) {
        return at != null && !at.isBefore(from) && at.isBefore(to);
    }

    /**
     * The period a request names: {@code period} (today, yesterday, 7d, 30d; days cut in the tenant's zone, the last
     * ending at the end of today) or explicit {@code from}/{@code to}; today when neither is given.
     */
    public static Period of(String period, String from, String to, ZoneId zone, Instant now) {
        if (from != null || to != null) {
            if (from == null || to == null) {
                throw new IllegalArgumentException("give both 'from' and 'to' (ISO instants), or 'period'");
            }
            try {
                return new Period(Instant.parse(from), Instant.parse(to));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'from' and 'to' must be ISO instants such as 2026-11-22T00:00:00Z: "
                        + e.getParsedString() + " is not");
            }
        }
        LocalDate today = LocalDate.ofInstant(now, zone);
        String name = period == null ? "today" : period.toLowerCase(Locale.ROOT);
        switch (name) {
            case "today":
                return days(today, 1, zone);
            case "yesterday":
                return days(today.minusDays(1), 1, zone);
            case "7d":
                return days(today.minusDays(6), 7, zone);
            case "30d":
                return days(today.minusDays(29), 30, zone);
            default:
                throw new IllegalArgumentException("period '" + period + "' is not one of today, yesterday, 7d, 30d;"
                        + " or give from and to");
        }
    }

    private static Period days(LocalDate first, int count, ZoneId zone) {
        return new Period(first.atStartOfDay(zone).toInstant(), first.plusDays(count).atStartOfDay(zone).toInstant());
    }
}
