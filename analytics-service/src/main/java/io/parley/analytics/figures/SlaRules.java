package io.parley.analytics.figures;

import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.hours.BusinessHours;
import io.parley.events.sla.BusinessCalendar;
import io.parley.events.sla.SlaPolicies;
import io.parley.events.sla.SlaTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The SLA rules the figures measure by: the ticket service's own policies ({@link SlaPolicies}: the tenant's
 * workspace's, over the same {@code parley.tickets.sla.*} keys) and calendars (the workspace's, then {@code parley.tickets.business-hours.*}),
 * so "at risk" and business-hours times agree with the clocks that breach. {@code atRiskWithin}: how close to its
 * deadline a reply counts as at risk.
 */
public record SlaRules(Map<Priority, SlaTargets> policies, Map<String, BusinessHours> configuredHours,
        Duration atRiskWithin) {

    public static final SlaRules DEFAULT = new SlaRules(SlaPolicies.DEFAULTS, Map.of(), Duration.ofMinutes(15));

    /** The calendar of one tenant's clocks: its workspace's hours, then the configured ones. */
    BusinessCalendar calendar(TenantProjection tenant) {
        return new BusinessCalendar(configuredHours, id -> tenant.workspace());
    }

    /** The tenant's policies by priority: those its workspace sets over the configured ones. */
    Map<Priority, SlaTargets> policies(TenantProjection tenant) {
        return SlaPolicies.of(policies, tenant.workspace());
    }

    /** Time between two instants as a policy's clock counts it for a team: business time or wall clock. */
    Duration elapsed(TenantProjection tenant, String team, String policy, Instant from, Instant to) {
        return calendar(tenant).elapsed(tenant.tenant(), team, from, to, targets(tenant, policy).businessHours());
    }

    private SlaTargets targets(TenantProjection tenant, String policy) {
        Priority priority;
        try {
            priority = Priority.valueOf(policy.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            priority = Priority.NORMAL;
        }
        return SlaPolicies.targetsFor(policies(tenant), priority);
    }
}
