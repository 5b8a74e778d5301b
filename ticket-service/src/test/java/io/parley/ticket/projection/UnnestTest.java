package io.parley.ticket.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class UnnestTest {

    @Test
    void instants_are_written_as_literals_postgresql_reads_across_its_whole_range() {
        assertThat(Unnest.timestamptz(Instant.parse("2026-12-02T13:37:05.123456789Z")))
                .isEqualTo("2026-12-02 13:37:05.123456+00");
        // Instant#toString gives "+10000-01-01T00:00:00Z" and "-0001-…", which PostgreSQL refuses.
        assertThat(Unnest.timestamptz(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo("10000-01-01 00:00:00.000000+00");
        assertThat(Unnest.timestamptz(Instant.parse("0000-06-30T12:00:00Z"))).isEqualTo("0001-06-30 12:00:00.000000+00 BC");
        assertThat(Unnest.timestamptz(null)).isNull();
    }
}
