package io.parley.ticket.visitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.hours.BusinessHours;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChannelNoticeTest {

    private static final BusinessHours BERLIN_WEEKDAYS = BusinessHours.parse("Europe/Berlin", "MON-FRI 09:00-18:00",
            Set.of());

    @Test
    void outside_hours_the_notice_says_when_people_answer_next() {
        // Saturday 21 November 2026, noon in Berlin
        ChannelNotice notice = ChannelNotice.of("shop", "Shop", Optional.of(BERLIN_WEEKDAYS), true,
                Instant.parse("2026-11-21T11:00:00Z"));

        assertThat(notice.withinHours()).isFalse();
        assertThat(notice.staffed()).isFalse();
        assertThat(notice.nextOpening().toInstant()).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
    }

    @Test
    void within_hours_people_answer_only_when_someone_is_online() {
        Instant mondayMorning = Instant.parse("2026-11-23T09:30:00Z");

        assertThat(ChannelNotice.of("shop", "Shop", Optional.of(BERLIN_WEEKDAYS), true, mondayMorning).staffed())
                .isTrue();
        ChannelNotice nobody = ChannelNotice.of("shop", "Shop", Optional.of(BERLIN_WEEKDAYS), false, mondayMorning);
        assertThat(nobody.withinHours()).isTrue();
        assertThat(nobody.staffed()).isFalse();
        assertThat(nobody.nextOpening()).isNull();
    }

    @Test
    void without_a_calendar_the_workspace_is_open_around_the_clock() {
        ChannelNotice notice = ChannelNotice.of("shop", "Shop", Optional.empty(), true,
                Instant.parse("2026-11-21T23:00:00Z"));

        assertThat(notice.withinHours()).isTrue();
        assertThat(notice.hours()).isNull();
    }
}
