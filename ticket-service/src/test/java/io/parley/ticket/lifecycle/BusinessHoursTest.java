package io.parley.ticket.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessHoursTest {

    private final BusinessHours berlin = BusinessHours.parse("Europe/Berlin", "MON-FRI 09:00-12:00 13:00-18:00",
            Set.of(LocalDate.parse("2026-12-25")));

    @Test
    void aTargetThatOutrunsTheDayContinuesAtTheNextOpening() {
        // Tuesday 17:30 in Berlin (UTC+1): 30 min left today, the other 30 from 09:00 on Wednesday
        Instant tuesdayHalfPastFive = Instant.parse("2026-11-24T16:30:00Z");
        assertThat(berlin.plus(tuesdayHalfPastFive, Duration.ofHours(1))).isEqualTo("2026-11-25T08:30:00Z");
    }

    @Test
    void aFridayEveningMessageIsDueOnMondayAndTheLunchBreakDoesNotCount() {
        Instant fridayEvening = Instant.parse("2026-11-27T19:00:00Z");
        assertThat(berlin.plus(fridayEvening, Duration.ofMinutes(5))).isEqualTo("2026-11-30T08:05:00Z");
        Instant beforeLunch = Instant.parse("2026-11-30T10:30:00Z"); // 11:30 local
        assertThat(berlin.plus(beforeLunch, Duration.ofHours(1))).isEqualTo("2026-11-30T12:30:00Z");
    }

    @Test
    void aHolidayIsSkipped() {
        // Thursday 24 Dec 17:00 local; Friday 25 Dec is a holiday: the second hour runs on Monday 28 Dec
        Instant christmasEve = Instant.parse("2026-12-24T16:00:00Z");
        assertThat(berlin.plus(christmasEve, Duration.ofHours(2))).isEqualTo("2026-12-28T09:00:00Z");
        assertThat(berlin.between(christmasEve, Instant.parse("2026-12-28T09:00:00Z"))).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void theDaylightSavingChangeMovesTheOpeningInUtc() {
        // Berlin leaves summer time on Sunday 25 Oct 2026: Friday opens at 07:00Z, Monday at 08:00Z
        Instant fridayClose = Instant.parse("2026-10-23T16:00:00Z");
        assertThat(berlin.plus(fridayClose, Duration.ofMinutes(30))).isEqualTo("2026-10-26T08:30:00Z");
    }

    @Test
    void aTenantInUtcPlusTenHasItsDayWhileUtcIsStillOnThePreviousOne() {
        BusinessHours brisbane = BusinessHours.parse("Australia/Brisbane", "MON-FRI 09:00-17:00", Set.of());
        // Sunday 23:30Z is Monday 09:30 in Brisbane (UTC+10, no DST): open
        Instant sundayUtc = Instant.parse("2026-11-22T23:30:00Z");
        assertThat(brisbane.plus(sundayUtc, Duration.ofMinutes(20))).isEqualTo("2026-11-22T23:50:00Z");
        assertThat(brisbane.between(Instant.parse("2026-11-22T22:00:00Z"), Instant.parse("2026-11-23T00:00:00Z")))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void calendarFallsBackFromTeamToTenantToWallClock() {
        BusinessHours sales = BusinessHours.parse("UTC", "MON-SUN 10:00-11:00", Set.of());
        BusinessCalendar calendar = new BusinessCalendar(java.util.Map.of("acme", berlin, "acme/sales", sales));
        Instant monday = Instant.parse("2026-11-23T16:30:00Z"); // 17:30 in Berlin
        Duration hour = Duration.ofHours(1);
        assertThat(calendar.deadline("acme", "sales", monday, hour, true)).isEqualTo("2026-11-24T11:00:00Z");
        assertThat(calendar.deadline("acme", "support", monday, hour, true)).isEqualTo("2026-11-24T08:30:00Z");
        assertThat(calendar.deadline("acme", "sales", monday, hour, false)).isEqualTo("2026-11-23T17:30:00Z");
        assertThat(calendar.deadline("globex", null, monday, hour, true)).isEqualTo("2026-11-23T17:30:00Z");
    }

    @Test
    void malformedHoursAreRefusedWithTheExpectedForm() {
        assertThatThrownBy(() -> BusinessHours.parse("UTC", "MON-FRI 18:00-09:00", Set.of()))
                .hasMessageContaining("09:00-18:00");
        assertThatThrownBy(() -> BusinessHours.parse("UTC", "WEEKDAYS 09:00-18:00", Set.of()))
                .hasMessageContaining("MON, TUE");
    }
}
