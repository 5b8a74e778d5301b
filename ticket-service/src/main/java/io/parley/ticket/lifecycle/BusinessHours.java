package io.parley.ticket.lifecycle;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * When a tenant (or one of its teams) is open: periods per weekday in the tenant's time zone, minus holidays. SLA
 * clocks of business-hours policies only run inside these periods. Periods are read as local wall-clock times, so a
 * DST change shortens or lengthens that day's working time exactly as it does for the people working it.
 */
public final class BusinessHours {

    /** Beyond this an SLA target is surely misconfigured; stops the search on a calendar that is all holidays. */
    private static final int MAX_DAYS_AHEAD = 3 * 366;

    public record Period(LocalTime start, LocalTime end) {
        public Period {
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("business-hours period " + start + "-" + end
                        + " ends before it starts: write e.g. 09:00-18:00 (periods cannot cross midnight)");
            }
        }
    }

    private final ZoneId zone;
    private final Map<DayOfWeek, List<Period>> week;
    private final Set<LocalDate> holidays;

    public BusinessHours(ZoneId zone, Map<DayOfWeek, List<Period>> week, Set<LocalDate> holidays) {
        if (week.values().stream().allMatch(List::isEmpty)) {
            throw new IllegalArgumentException("business hours in " + zone + " have no period on any weekday:"
                    + " give at least one, e.g. MON-FRI 09:00-18:00");
        }
        this.zone = zone;
        this.week = new EnumMap<>(DayOfWeek.class);
        week.forEach((day, periods) -> this.week.put(day,
                periods.stream().sorted(Comparator.comparing(Period::start)).toList()));
        this.holidays = Set.copyOf(holidays);
    }

    /**
     * Reads {@code "MON-FRI 09:00-12:00 13:00-18:00; SAT 10:00-14:00"}: day or day range, then one or more periods;
     * rules separated by {@code ;}. Holidays are ISO dates.
     */
    public static BusinessHours parse(String zone, String weekly, Set<LocalDate> holidays) {
        Map<DayOfWeek, List<Period>> week = new EnumMap<>(DayOfWeek.class);
        for (String rule : weekly.split(";")) {
            String[] parts = rule.trim().split("\\s+");
            if (parts.length < 2) {
                throw new IllegalArgumentException("business-hours rule '" + rule.trim()
                        + "' needs days and periods, e.g. MON-FRI 09:00-18:00");
            }
            List<Period> periods = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                periods.add(period(parts[i]));
            }
            for (DayOfWeek day : days(parts[0])) {
                week.computeIfAbsent(day, d -> new ArrayList<>()).addAll(periods);
            }
        }
        return new BusinessHours(ZoneId.of(zone), week, holidays);
    }

    /** The instant at which {@code amount} of business time has passed since {@code start}. */
    public Instant plus(Instant start, Duration amount) {
        Duration remaining = amount;
        LocalDate day = LocalDate.ofInstant(start, zone);
        for (int i = 0; i <= MAX_DAYS_AHEAD; i++, day = day.plusDays(1)) {
            for (Period period : periodsOn(day)) {
                Instant open = later(start, at(day, period.start()));
                Instant close = at(day, period.end());
                if (open.isBefore(close)) {
                    Duration available = Duration.between(open, close);
                    if (remaining.compareTo(available) <= 0) {
                        return open.plus(remaining);
                    }
                    remaining = remaining.minus(available);
                }
            }
        }
        throw new IllegalStateException("no business time left within " + MAX_DAYS_AHEAD + " days of " + start
                + ": check the holidays and the SLA targets");
    }

    /** The business time that passes between two instants; zero when {@code end} is not after {@code start}. */
    public Duration between(Instant start, Instant end) {
        Duration total = Duration.ZERO;
        for (LocalDate day = LocalDate.ofInstant(start, zone); !at(day, LocalTime.MIN).isAfter(end);
                day = day.plusDays(1)) {
            for (Period period : periodsOn(day)) {
                Instant open = later(start, at(day, period.start()));
                Instant close = earlier(end, at(day, period.end()));
                if (open.isBefore(close)) {
                    total = total.plus(Duration.between(open, close));
                }
            }
        }
        return total;
    }

    private List<Period> periodsOn(LocalDate day) {
        return holidays.contains(day) ? List.of() : week.getOrDefault(day.getDayOfWeek(), List.of());
    }

    /** A local time skipped by a DST gap resolves to the first instant after it. */
    private Instant at(LocalDate day, LocalTime time) {
        return ZonedDateTime.of(day, time, zone).toInstant();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Period period(String text) {
        String[] bounds = text.split("-");
        try {
            if (bounds.length == 2) {
                return new Period(LocalTime.parse(bounds[0]), LocalTime.parse(bounds[1]));
            }
        } catch (DateTimeParseException e) {
            // falls through to the message naming the expected form
        }
        throw new IllegalArgumentException("business-hours period '" + text + "' is not HH:MM-HH:MM, e.g. 09:00-18:00");
    }

    private static List<DayOfWeek> days(String text) {
        String[] range = text.split("-");
        DayOfWeek first = day(range[0]);
        DayOfWeek last = range.length > 1 ? day(range[1]) : first;
        List<DayOfWeek> days = new ArrayList<>();
        for (DayOfWeek d = first; ; d = d.plus(1)) {
            days.add(d);
            if (d == last) {
                return days;
            }
        }
    }

    private static DayOfWeek day(String text) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().startsWith(text.toUpperCase(Locale.ROOT)) && text.length() >= 3) {
                return day;
            }
        }
        throw new IllegalArgumentException("business-hours day '" + text + "' is not a weekday: use MON, TUE, … SUN");
    }
}
