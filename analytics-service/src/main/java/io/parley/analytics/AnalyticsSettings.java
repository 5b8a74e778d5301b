package io.parley.analytics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code parley.analytics.*}: how often figures are checkpointed, pushed and snapshotted, and how close to its deadline
 * a reply is at risk. The SLA targets themselves are the ticket service's ({@code parley.tickets.sla.*}).
 */
@ConfigMapping(prefix = "parley.analytics")
public interface AnalyticsSettings {

    /** How often changed tenants are checkpointed to PostgreSQL. */
    @WithDefault("10s")
    Duration checkpointInterval();

    /** At most one live push per viewer per this interval. */
    @WithDefault("1s")
    Duration livePushInterval();

    /** How often every tenant's snapshot goes to {@code analytics-snapshots}. */
    @WithDefault("60s")
    Duration snapshotInterval();

    /** How often the Prometheus gauges and the consumer-group lag are refreshed. */
    @WithDefault("15s")
    Duration gaugeInterval();

    Sla sla();

    interface Sla {
        /** A reply due within this long counts as at risk. */
        @WithDefault("PT15M")
        Duration atRiskWithin();
    }
}
