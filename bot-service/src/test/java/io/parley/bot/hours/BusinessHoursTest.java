package io.parley.bot.hours;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.bot.BotJson;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class BusinessHoursTest {

    private static BusinessHours hours(String zone) throws Exception {
        return BotJson.JSON.readValue("""
                {"timeZone": "%s",
                 "weekly": {"monday": [{"from": "09:00", "to": "12:00"}, {"from": "13:00", "to": "17:00"}],
                            "tuesday": [{"from": "09:00", "to": "17:00"}],
                            "friday": [{"from": "09:00", "to": "17:00"}]},
                 "holidays": ["2026-12-25"]}
                """.formatted(zone), BusinessHours.class);
    }

    @Test
    void open_and_closed_follow_the_local_clock_of_the_time_zone() throws Exception {
        // Monday 2026-11-23 08:30 UTC is 09:30 in Berlin (open) but 17:30 in Tokyo (closed).
        Instant mondayMorningUtc = Instant.parse("2026-11-23T08:30:00Z");
        assertThat(hours("Europe/Berlin").isOpen(mondayMorningUtc)).isTrue();
        assertThat(hours("Asia/Tokyo").isOpen(mondayMorningUtc)).isFalse();
    }

    @Test
    void a_utc_sunday_evening_is_already_monday_morning_across_the_date_line() throws Exception {
        // Sunday 23:30 UTC = Monday 08:30 in Tokyo: closed, opening half an hour later, still "Sunday" in UTC.
        Instant sundayLateUtc = Instant.parse("2026-11-22T23:30:00Z");
        BusinessHours tokyo = hours("Asia/Tokyo");
        assertThat(tokyo.isOpen(sundayLateUtc)).isFalse();
        assertThat(tokyo.nextOpening(sundayLateUtc)).map(ZonedDateTime::toInstant)
                .contains(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(tokyo.isOpen(Instant.parse("2026-11-23T00:00:00Z"))).isTrue();
    }

    @Test
    void the_lunch_break_and_the_weekend_are_closed_and_say_when_people_are_back() throws Exception {
        BusinessHours berlin = hours("Europe/Berlin");
        Instant lunch = Instant.parse("2026-11-23T11:30:00Z"); // 12:30 Berlin
        assertThat(berlin.isOpen(lunch)).isFalse();
        assertThat(berlin.nextOpening(lunch)).map(ZonedDateTime::toLocalTime).map(Object::toString).contains("13:00");
        Instant fridayEvening = Instant.parse("2026-11-27T17:00:00Z"); // 18:00 Berlin
        assertThat(berlin.nextOpening(fridayEvening)).map(ZonedDateTime::toInstant)
                .contains(Instant.parse("2026-11-30T08:00:00Z")); // Monday 09:00 Berlin
    }

    @Test
    void holidays_are_closed_all_day_in_local_time() throws Exception {
        BusinessHours berlin = hours("Europe/Berlin");
        Instant christmasFriday = Instant.parse("2026-12-25T10:00:00Z");
        assertThat(berlin.isOpen(christmasFriday)).isFalse();
        assertThat(berlin.nextOpening(christmasFriday)).map(ZonedDateTime::toLocalDate).map(Object::toString)
                .contains("2026-12-28");
    }

    @Test
    void invalid_definitions_say_what_to_fix() {
        BusinessHours broken = new BusinessHours("Mars/Olympus", java.util.Map.of(java.time.DayOfWeek.MONDAY,
                java.util.List.of(new BusinessHours.Period(java.time.LocalTime.of(17, 0), java.time.LocalTime.of(9, 0)))),
                null);
        assertThat(broken.problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("Europe/Berlin"))
                .anySatisfy(p -> assertThat(p).contains("cross midnight"));
    }
}
