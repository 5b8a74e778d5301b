package io.parley.events.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.Event;
import io.parley.events.EventData;
import io.parley.events.hours.BusinessHours;
import io.parley.events.workspace.Workspace;
import io.parley.events.workspace.WorkspaceEvent.HoursSet;
import io.parley.events.workspace.WorkspaceEvent.TeamSaved;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

    private static final BusinessHours BERLIN = BusinessHours.parse("Europe/Berlin", "MON-FRI 09:00-17:00",
            Set.of(LocalDate.parse("2026-12-25")));
    private static final BusinessHours SALES = BusinessHours.parse("UTC", "MON-SUN 10:00-11:00", Set.of());
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void sla_deadlines_use_the_same_workspace_hours_as_the_bot_across_the_dst_change() {
        // Berlin leaves summer time on Sunday 25 Oct 2026. Friday 23 Oct 16:30 local (14:30Z): half an hour left,
        // the other half from Monday 09:00 local, which is now 08:00Z. The bot asks Workspace.hoursOf("support")
        // at the same instant and finds it open; on Saturday, closed until the same Monday 08:00Z.
        Workspace acme = workspace(new HoursSet(Workspace.DEFAULT_CALENDAR, BERLIN, "root"));
        BusinessCalendar calendar = new BusinessCalendar(Map.of(), tenant -> acme);
        Instant fridayAfternoon = Instant.parse("2026-10-23T14:30:00Z");

        assertThat(calendar.deadline("acme", "support", fridayAfternoon, HOUR, true))
                .isEqualTo("2026-10-26T08:30:00Z");
        assertThat(acme.hoursOf("support").orElseThrow().isOpen(fridayAfternoon)).isTrue();
        assertThat(acme.hoursOf("support").orElseThrow().nextOpening(Instant.parse("2026-10-24T12:00:00Z")))
                .map(java.time.ZonedDateTime::toInstant).contains(Instant.parse("2026-10-26T08:00:00Z"));
    }

    @Test
    void the_workspace_comes_first_then_configuration_then_the_wall_clock() {
        Instant mondayEvening = Instant.parse("2026-11-23T16:30:00Z"); // 17:30 in Berlin: closed
        BusinessCalendar configuredOnly = new BusinessCalendar(Map.of("acme", BERLIN, "acme/sales", SALES),
                Workspace::empty);
        assertThat(configuredOnly.deadline("acme", "sales", mondayEvening, HOUR, true)).isEqualTo("2026-11-24T11:00:00Z");
        assertThat(configuredOnly.deadline("acme", "support", mondayEvening, HOUR, true))
                .isEqualTo("2026-11-24T09:00:00Z");
        assertThat(configuredOnly.deadline("globex", null, mondayEvening, HOUR, true)).isEqualTo("2026-11-23T17:30:00Z");

        Workspace salesHours = workspace(new HoursSet(Workspace.DEFAULT_CALENDAR, SALES, "root"));
        BusinessCalendar both = new BusinessCalendar(Map.of("acme", BERLIN), tenant -> salesHours);
        assertThat(both.deadline("acme", "support", mondayEvening, HOUR, true)).isEqualTo("2026-11-24T11:00:00Z");
    }

    @Test
    void a_teams_sla_policy_overrides_whether_business_hours_count() {
        Workspace acme = workspace(new HoursSet(Workspace.DEFAULT_CALENDAR, BERLIN, "root"),
                new TeamSaved("vip", "VIP", "balanced", "requeue", null, BusinessCalendar.WALL_CLOCK_POLICY, "root"),
                new TeamSaved("backoffice", "Back office", "balanced", "requeue", null,
                        BusinessCalendar.BUSINESS_HOURS_POLICY, "root"));
        BusinessCalendar calendar = new BusinessCalendar(Map.of(), tenant -> acme);
        Instant saturday = Instant.parse("2026-11-28T12:00:00Z");

        assertThat(calendar.deadline("acme", "vip", saturday, HOUR, true)).isEqualTo("2026-11-28T13:00:00Z");
        assertThat(calendar.deadline("acme", "backoffice", saturday, HOUR, false)).isEqualTo("2026-11-30T09:00:00Z");
        assertThat(calendar.elapsed("acme", "backoffice", saturday, Instant.parse("2026-11-30T09:00:00Z"), false))
                .isEqualTo(HOUR);
    }

    private static Workspace workspace(EventData... changes) {
        Workspace workspace = Workspace.empty("acme");
        int n = 0;
        for (EventData change : changes) {
            workspace = workspace.evolve(new Event("e" + n++, "/test", "acme", Instant.EPOCH, "acme", null, change));
        }
        return workspace;
    }
}
