package io.parley.bot.hours;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When people answer for a tenant or team: a time zone, several periods per weekday (local times, {@code to}
 * exclusive) and holidays (whole local days). Days missing from {@code weekly} are closed.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record BusinessHours(String timeZone, Map<DayOfWeek, List<Period>> weekly, Set<LocalDate> holidays) {

    private static final int DAYS_TO_SEARCH = 400;

    public BusinessHours {
        weekly = weekly == null ? Map.of() : Map.copyOf(weekly);
        holidays = holidays == null ? Set.of() : Set.copyOf(holidays);
    }

    public record Period(LocalTime from, LocalTime to) {
        boolean contains(LocalTime time) {
            return !time.isBefore(from) && time.isBefore(to);
        }
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public boolean isOpen(Instant at) {
        ZonedDateTime local = at.atZone(zone());
        return !holidays.contains(local.toLocalDate())
                && periodsOn(local.getDayOfWeek()).stream().anyMatch(p -> p.contains(local.toLocalTime()));
    }

    /** When people answer next: {@code at} itself when open; empty when no period ever opens. */
    public Optional<ZonedDateTime> nextOpening(Instant at) {
        ZonedDateTime local = at.atZone(zone());
        if (isOpen(at)) {
            return Optional.of(local);
        }
        for (int day = 0; day < DAYS_TO_SEARCH; day++) {
            LocalDate date = local.toLocalDate().plusDays(day);
            if (holidays.contains(date)) {
                continue;
            }
            Optional<ZonedDateTime> opening = periodsOn(date.getDayOfWeek()).stream()
                    .map(period -> date.atTime(period.from()).atZone(zone()))
                    .filter(start -> start.isAfter(local))
                    .min(Comparator.naturalOrder());
            if (opening.isPresent()) {
                return opening;
            }
        }
        return Optional.empty();
    }

    /** What is wrong with this definition; empty when valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        try {
            zone();
        } catch (DateTimeException | NullPointerException e) {
            problems.add("timeZone '" + timeZone + "' is not a time-zone id such as Europe/Berlin");
        }
        weekly.forEach((day, periods) -> (periods == null ? List.<Period>of() : periods).forEach(period -> {
            if (period == null || period.from() == null || period.to() == null || !period.from().isBefore(period.to())) {
                problems.add(day.name().toLowerCase(Locale.ROOT) + ": every period needs from before to, e.g."
                        + " {\"from\": \"09:00\", \"to\": \"17:00\"}; split periods that cross midnight");
            }
        }));
        return problems;
    }

    private List<Period> periodsOn(DayOfWeek day) {
        return weekly.getOrDefault(day, List.of());
    }
}
