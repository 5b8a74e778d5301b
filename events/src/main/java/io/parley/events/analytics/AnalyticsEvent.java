package io.parley.events.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.parley.events.EventData;
import java.time.Instant;

/** The events of the {@code analytics-snapshots} stream, keyed by tenant and written by analytics-service. */
public sealed interface AnalyticsEvent extends EventData {

    /**
     * A tenant's figures at {@code takenAt}: {@code live} is the JSON of {@code GET /api/v1/metrics/live} and
     * {@code today} the JSON of {@code GET /api/v1/metrics/kpis?period=today}, both as analytics serves them (their
     * fields are defined in docs/metrics.md). {@code timeZone} is the zone "today" was cut in. JSON trees rather than
     * records, so that a figure added to the API reaches external dashboards without a new event version.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Snapshot(Instant takenAt, String timeZone, JsonNode live, JsonNode today) implements AnalyticsEvent {
    }
}
