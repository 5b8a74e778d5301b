package io.parley.events.hours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.events.envelope.EventCodec;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessHoursTest {

    private final BusinessHours berlin = BusinessHours.parse("Europe/Berlin", "MON-FRI 09:00-12:00 13:00-18:00",
            Set.of(LocalDate.parse("2026-12-25")));

    @Test
    void open_and_closed_follow_the_local_clock_of_the_time_zone() {
        // Monday 2026-11-23 08:30 UTC is 09:30 in Berlin (open) but 17:30 in Tokyo (closed).
        Instant mondayMorningUtc = Instant.parse("2026-11-23T08:30:00Z");
        assertThat(berlin.isOpen(mondayMorningUtc)).isTrue();
        assertThat(BusinessHours.parse("Asia/Tokyo", "MON-FRI 09:00-17:00", Set.of()).isOpen(mondayMorningUtc)).isFalse();
    }

    @Test
    void a_utc_sunday_evening_is_already_monday_morning_across_the_date_line() {
        BusinessHours tokyo = BusinessHours.parse("Asia/Tokyo", "MON-FRI 09:00-17:00", Set.of());
        Instant sundayLateUtc = Instant.parse("2026-11-22T23:30:00Z"); // Monday 08:30 in Tokyo
        assertThat(tokyo.isOpen(sundayLateUtc)).isFalse();
        assertThat(tokyo.nextOpening(sundayLateUtc)).map(ZonedDateTime::toInstant)
                .contains(Instant.parse("2026-11-23T00:00:00Z"));
    }

    @Test
    void the_lunch_break_and_the_weekend_are_closed_and_say_when_people_are_back() {
        Instant lunch = Instant.parse("2026-11-23T11:30:00Z"); // 12:30 Berlin
        assertThat(berlin.isOpen(lunch)).isFalse();
        assertThat(berlin.nextOpening(lunch)).map(ZonedDateTime::toLocalTime).contains(LocalTime.of(13, 0));
        Instant fridayEvening = Instant.parse("2026-11-27T17:00:00Z"); // 18:00 Berlin, the end is exclusive
        assertThat(berlin.nextOpening(fridayEvening)).map(ZonedDateTime::toInstant)
                .contains(Instant.parse("2026-11-30T08:00:00Z"));
    }

    @Test
    void a_target_that_outruns_the_day_continues_at_the_next_opening() {
        Instant tuesdayHalfPastFive = Instant.parse("2026-11-24T16:30:00Z");
        assertThat(berlin.plus(tuesdayHalfPastFive, Duration.ofHours(1))).isEqualTo("2026-11-25T08:30:00Z");
        Instant beforeLunch = Instant.parse("2026-11-30T10:30:00Z"); // 11:30 local
        assertThat(berlin.plus(beforeLunch, Duration.ofHours(1))).isEqualTo("2026-11-30T12:30:00Z");
    }

    @Test
    void a_holiday_is_closed_all_day_and_skipped_by_deadlines() {
        Instant christmasEve = Instant.parse("2026-12-24T16:00:00Z"); // Thursday 17:00 local
        assertThat(berlin.isOpen(Instant.parse("2026-12-25T10:00:00Z"))).isFalse();
        assertThat(berlin.plus(christmasEve, Duration.ofHours(2))).isEqualTo("2026-12-28T09:00:00Z");
        assertThat(berlin.between(christmasEve, Instant.parse("2026-12-28T09:00:00Z"))).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void across_the_autumn_dst_change_open_deadline_and_next_opening_agree() {
        // Berlin leaves summer time on Sunday 25 Oct 2026: Friday opens at 07:00Z, Monday at 08:00Z.
        Instant fridayClose = Instant.parse("2026-10-23T16:00:00Z");
        assertThat(berlin.plus(fridayClose, Duration.ofMinutes(30))).isEqualTo("2026-10-26T08:30:00Z");
        assertThat(berlin.nextOpening(fridayClose)).map(ZonedDateTime::toInstant)
                .contains(Instant.parse("2026-10-26T08:00:00Z"));
        assertThat(berlin.isOpen(Instant.parse("2026-10-26T07:30:00Z"))).isFalse(); // 08:30 local
        assertThat(berlin.isOpen(Instant.parse("2026-10-23T07:30:00Z"))).isTrue(); // 09:30 local, summer time
    }

    @Test
    void a_period_starting_in_the_spring_dst_gap_is_shifted_later_by_the_gap() {
        // Berlin skips 02:00-03:00 on Sunday 29 Mar 2026; a night shift 02:30-06:00 opens at 03:30 local (01:30Z)
        BusinessHours night = BusinessHours.parse("Europe/Berlin", "SUN 02:30-06:00", Set.of());
        assertThat(night.nextOpening(Instant.parse("2026-03-28T20:00:00Z"))).map(ZonedDateTime::toInstant)
                .contains(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(night.between(Instant.parse("2026-03-28T20:00:00Z"), Instant.parse("2026-03-29T12:00:00Z")))
                .isEqualTo(Duration.ofMinutes(150));
    }

    @Test
    void holidays_are_written_in_date_order_whatever_order_they_came_in() throws Exception {
        Set<LocalDate> days = Set.of(LocalDate.parse("2026-12-31"), LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-12-25"), LocalDate.parse("2026-05-01"));

        assertThat(EventCodec.mapper().writeValueAsString(new BusinessHours("UTC", Map.of(), days)))
                .contains("\"holidays\":[\"2026-01-01\",\"2026-05-01\",\"2026-12-25\",\"2026-12-31\"]");
    }

    @Test
    void the_json_form_reads_lower_case_days_and_round_trips() throws Exception {
        BusinessHours read = EventCodec.mapper().readValue("""
                {"timeZone": "Europe/Berlin", "weekly": {"MONDAY": [{"from": "09:00", "to": "12:00"}]},
                 "holidays": ["2026-12-25"]}""", BusinessHours.class);
        assertThat(read.weekly()).containsEntry(DayOfWeek.MONDAY,
                List.of(new BusinessHours.Period(LocalTime.of(9, 0), LocalTime.of(12, 0))));
        assertThat(EventCodec.mapper().readValue(EventCodec.mapper().writeValueAsString(read), BusinessHours.class))
                .isEqualTo(read);
    }

    @Test
    void invalid_definitions_say_what_to_fix() {
        BusinessHours broken = new BusinessHours("Mars/Olympus", Map.of(DayOfWeek.MONDAY,
                List.of(new BusinessHours.Period(LocalTime.of(17, 0), LocalTime.of(9, 0)))), null);
        assertThat(broken.problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("Europe/Berlin"))
                .anySatisfy(p -> assertThat(p).contains("cross midnight"));
        assertThat(new BusinessHours("UTC", Map.of(), null).problems()).singleElement().asString()
                .contains("no period");
        assertThatThrownBy(() -> BusinessHours.parse("UTC", "MON-FRI 18:00-09:00", Set.of()))
                .hasMessageContaining("from before to");
        assertThatThrownBy(() -> BusinessHours.parse("UTC", "WEEKDAYS 09:00-18:00", Set.of()))
                .hasMessageContaining("MON, TUE");
    }
}
