package io.parley.events.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.Event;
import io.parley.events.hours.BusinessHours;
import io.parley.events.workspace.Workspace;
import io.parley.events.workspace.WorkspaceEvent.SlaPolicySet;
import java.time.Instant;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlaPoliciesTest {

    @Test
    void the_shared_keys_override_the_defaults_per_priority() {
        Map<String, String> config = Map.of("parley.tickets.sla.normal.first-reply", "PT1M",
                "parley.tickets.sla.normal.business-hours", "true", "parley.tickets.sla.urgent.resolution", "PT2H");

        Map<Priority, SlaTargets> policies = SlaPolicies.read(key -> Optional.ofNullable(config.get(key)));

        assertThat(policies.get(Priority.NORMAL)).isEqualTo(new SlaTargets(Duration.ofMinutes(1),
                Duration.ofMinutes(10), Duration.ofHours(24), true, 90));
        assertThat(policies.get(Priority.URGENT).resolution()).isEqualTo(Duration.ofHours(2));
        assertThat(policies.get(Priority.LOW)).isEqualTo(SlaPolicies.DEFAULTS.get(Priority.LOW));
    }

    @Test
    void a_business_hours_or_goal_key_alone_sets_its_field() {
        Map<String, String> config = Map.of("parley.tickets.sla.high.business-hours", "true",
                "parley.tickets.sla.low.goal-percent", "75");

        Map<Priority, SlaTargets> policies = SlaPolicies.read(key -> Optional.ofNullable(config.get(key)));

        SlaTargets high = SlaPolicies.DEFAULTS.get(Priority.HIGH);
        assertThat(policies.get(Priority.HIGH)).isEqualTo(new SlaTargets(high.firstReply(), high.nextReply(),
                high.resolution(), true, high.goalPercent()));
        assertThat(policies.get(Priority.LOW).goalPercent()).isEqualTo(75);
        assertThat(policies.get(Priority.NORMAL)).isEqualTo(SlaPolicies.DEFAULTS.get(Priority.NORMAL));
    }

    @Test
    void a_tenants_workspace_policies_replace_the_configured_ones_of_their_priority_for_that_tenant_only() {
        SlaTargets configuredHigh = new SlaTargets(Duration.ofMinutes(3), Duration.ofMinutes(6), Duration.ofHours(6),
                false, 90);
        Map<Priority, SlaTargets> configured = new EnumMap<>(SlaPolicies.DEFAULTS);
        configured.put(Priority.HIGH, configuredHigh);
        Workspace acme = Workspace.empty("acme").evolve(new Event("e-1", "/ticket/admin", "acme", Instant.EPOCH,
                "acme", null, new SlaPolicySet("high", "PT1M", "PT2M", "PT1H", true, 95, "root")));

        assertThat(SlaPolicies.of(configured, acme).get(Priority.HIGH))
                .isEqualTo(new SlaTargets(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofHours(1), true, 95));
        assertThat(SlaPolicies.of(configured, acme).get(Priority.NORMAL)).isEqualTo(configured.get(Priority.NORMAL));
        assertThat(SlaPolicies.of(configured, Workspace.empty("globex")).get(Priority.HIGH)).isEqualTo(configuredHigh);
    }

    @Test
    void configured_calendars_are_read_from_the_shared_keys() {
        Map<String, String> config = Map.of("parley.tickets.business-hours.acme.zone", "Europe/Berlin",
                "parley.tickets.business-hours.acme.weekly", "MON-FRI 09:00-17:00",
                "parley.tickets.business-hours.acme.holidays", "2026-12-25,2026-12-26",
                "parley.tickets.business-hours.\"acme/vip\".zone", "UTC",
                "parley.tickets.business-hours.\"acme/vip\".weekly", "MON-SUN 00:00-23:59");

        Map<String, BusinessHours> calendars = BusinessCalendar.configured(List.copyOf(config.keySet()),
                key -> Optional.ofNullable(config.get(key)));

        assertThat(calendars).containsOnlyKeys("acme", "acme/vip");
        assertThat(calendars.get("acme").holidays()).containsExactlyInAnyOrder(LocalDate.parse("2026-12-25"),
                LocalDate.parse("2026-12-26"));
    }
}
