package io.parley.analytics.figures;

import java.time.Duration;

/**
 * The reply targets live SLA figures measure against ({@code parley.analytics.sla.*}): the log records breaches, not
 * targets, so "at risk" needs them; keep them equal to ticket-service's. {@code atRiskWithin} is how close to its due
 * time a wait counts as at risk.
 */
public record SlaTargets(Duration firstReply, Duration nextReply, Duration atRiskWithin) {

    public static final SlaTargets DEFAULT = new SlaTargets(Duration.ofHours(1), Duration.ofHours(1),
            Duration.ofMinutes(15));
}
