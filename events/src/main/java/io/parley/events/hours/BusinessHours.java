package io.parley.events.hours;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * When people answer for a tenant or one of its teams: a time zone, several periods per weekday (local wall-clock
 * times, {@code to} exclusive) and holidays (whole local days). Days missing from {@code weekly} are closed. The one
 * model the bot (after-hours handoff) and the ticket service (business-hours SLA clocks) both read, so that they reach
 * the same decision at the same instant. Periods are local times, so a DST change shortens or lengthens that day's
 * working time exactly as it does for the people working it; a local time skipped by a DST gap is shifted later by the
 * length of the gap (as {@link java.time.ZonedDateTime#of} does).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record BusinessHours(String timeZone, Map<DayOfWeek, List<Period>> weekly, Set<LocalDate> holidays) {

    /** Beyond this an SLA target is surely misconfigured; stops the search on a calendar that is all holidays. */
    private static final int DAYS_TO_SEARCH = 3 * 366;

    public BusinessHours {
        Map<DayOfWeek, List<Period>> sorted = new EnumMap<>(DayOfWeek.class);
        if (weekly != null) {
            weekly.forEach((day, periods) -> sorted.put(day, periods == null ? List.of()
                    : periods.stream().sorted(Comparator.nullsFirst(Comparator.comparing(Period::from,
                            Comparator.nullsFirst(Comparator.naturalOrder())))).toList()));
        }
        weekly = Map.copyOf(sorted);
        // Sorted, so an event holding the calendar is written the same by every JVM (a Set.copyOf's order is not).
        holidays = holidays == null ? Set.of() : Collections.unmodifiableSortedSet(new TreeSet<>(holidays));
    }

    /** A stretch of one day, {@code from} inclusive, {@code to} exclusive; periods cannot cross midnight. */
    public record Period(LocalTime from, LocalTime to) {
        boolean contains(LocalTime time) {
            return !time.isBefore(from) && time.isBefore(to);
        }
    }

    /**
     * Reads the compact text form {@code "MON-FRI 09:00-12:00 13:00-18:00; SAT 10:00-14:00"}: a day or day range, then
     * one or more periods; rules separated by {@code ;}. What static configuration uses.
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
        BusinessHours hours = new BusinessHours(zone, week, holidays);
        List<String> problems = hours.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return hours;
    }

    /** What is wrong with this definition; empty when valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        try {
            zone();
        } catch (DateTimeException | NullPointerException e) {
            problems.add("timeZone '" + timeZone + "' is not a time-zone id such as Europe/Berlin");
        }
        weekly.forEach((day, periods) -> periods.forEach(period -> {
            if (period == null || period.from() == null || period.to() == null || !period.from().isBefore(period.to())) {
                problems.add(day.name().toLowerCase(Locale.ROOT) + ": every period needs from before to, e.g."
                        + " {\"from\": \"09:00\", \"to\": \"17:00\"}; split periods that cross midnight");
            }
        }));
        if (weekly.values().stream().allMatch(List::isEmpty)) {
            problems.add("weekly has no period on any day: give at least one, e.g. {\"MONDAY\": [{\"from\": \"09:00\","
                    + " \"to\": \"17:00\"}]}");
        }
        return problems;
    }

    @JsonIgnore
    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public boolean isOpen(Instant at) {
        ZonedDateTime local = at.atZone(zone());
        return periodsOn(local.toLocalDate()).stream().anyMatch(period -> period.contains(local.toLocalTime()));
    }

    /** When people answer next: {@code at} itself when open; empty when no period opens within three years. */
    public Optional<ZonedDateTime> nextOpening(Instant at) {
        if (isOpen(at)) {
            return Optional.of(at.atZone(zone()));
        }
        LocalDate day = LocalDate.ofInstant(at, zone());
        for (int i = 0; i <= DAYS_TO_SEARCH; i++, day = day.plusDays(1)) {
            for (Period period : periodsOn(day)) {
                Instant opens = at(day, period.from());
                if (opens.isAfter(at)) {
                    return Optional.of(opens.atZone(zone()));
                }
            }
        }
        return Optional.empty();
    }

    /** The instant at which {@code amount} of business time has passed since {@code start}. */
    public Instant plus(Instant start, Duration amount) {
        Duration remaining = amount;
        LocalDate day = LocalDate.ofInstant(start, zone());
        for (int i = 0; i <= DAYS_TO_SEARCH; i++, day = day.plusDays(1)) {
            for (Period period : periodsOn(day)) {
                Instant open = later(start, at(day, period.from()));
                Instant close = at(day, period.to());
                if (open.isBefore(close)) {
                    Duration available = Duration.between(open, close);
                    if (remaining.compareTo(available) <= 0) {
                        return open.plus(remaining);
                    }
                    remaining = remaining.minus(available);
                }
            }
        }
        throw new IllegalStateException("no business time left within " + DAYS_TO_SEARCH + " days of " + start
                + ": check the holidays and the SLA targets");
    }

    /** The business time that passes between two instants; zero when {@code end} is not after {@code start}. */
    public Duration between(Instant start, Instant end) {
        Duration total = Duration.ZERO;
        for (LocalDate day = LocalDate.ofInstant(start, zone()); !at(day, LocalTime.MIN).isAfter(end);
                day = day.plusDays(1)) {
            for (Period period : periodsOn(day)) {
                Instant open = later(start, at(day, period.from()));
                Instant close = earlier(end, at(day, period.to()));
                if (open.isBefore(close)) {
                    total = total.plus(Duration.between(open, close));
                }
            }
        }
        return total;
    }

    private List<Period> periodsOn(LocalDate day) {
        return holidays.contains(day) ? List.of() : weekly.getOrDefault(day.getDayOfWeek(), List.of());
    }

    private Instant at(LocalDate day, LocalTime time) {
        return ZonedDateTime.of(day, time, zone()).toInstant();
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
