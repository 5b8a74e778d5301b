package io.parley.events.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.Event;
import io.parley.events.EventData;
import io.parley.events.agent.AgentEvent.ProfileUpdated;
import io.parley.events.hours.BusinessHours;
import io.parley.events.sla.SlaTargets;
import io.parley.events.workspace.WorkspaceEvent.ChannelSaved;
import io.parley.events.workspace.WorkspaceEvent.HoursCleared;
import io.parley.events.workspace.WorkspaceEvent.HoursSet;
import io.parley.events.workspace.WorkspaceEvent.SlaPolicyCleared;
import io.parley.events.workspace.WorkspaceEvent.SlaPolicySet;
import io.parley.events.workspace.WorkspaceEvent.TeamDeleted;
import io.parley.events.workspace.WorkspaceEvent.TeamSaved;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WorkspaceTest {

    private static final BusinessHours BERLIN = BusinessHours.parse("Europe/Berlin", "MON-FRI 09:00-17:00", Set.of());
    private static final BusinessHours NIGHT = BusinessHours.parse("UTC", "MON-SUN 20:00-23:00", Set.of());

    @Test
    void a_team_works_by_its_calendar_then_its_own_then_the_tenants_default() {
        Workspace workspace = fold("acme",
                new HoursSet(Workspace.DEFAULT_CALENDAR, BERLIN, "root"),
                new HoursSet("night-shift", NIGHT, "root"),
                new TeamSaved("support", "Support", "balanced", "requeue", "night-shift", null, "root"),
                new HoursSet("billing", NIGHT, "root"));

        assertThat(workspace.hoursOf("support")).contains(NIGHT);
        assertThat(workspace.hoursOf("billing")).contains(NIGHT);
        assertThat(workspace.hoursOf("sales")).contains(BERLIN);
        assertThat(workspace.hoursOf(null)).contains(BERLIN);
        assertThat(fold("acme", new HoursSet("x", NIGHT, "root"), new HoursCleared("x", "root")).hoursOf("x")).isEmpty();
    }

    @Test
    void applying_an_event_twice_or_again_after_itself_leaves_the_same_state() {
        Event saved = event("acme", new TeamSaved("support", "Support", "balanced", "requeue", null, null, "root"));
        Event deleted = event("acme", new TeamDeleted("sales", "root"));
        Workspace once = Workspace.empty("acme").evolve(saved).evolve(deleted);
        Workspace twice = Workspace.empty("acme").evolve(saved).evolve(saved).evolve(deleted).evolve(deleted);
        assertThat(twice).isEqualTo(once);
        assertThat(once.teams()).containsOnlyKeys("support");
    }

    @Test
    void sla_policies_are_set_per_priority_cleared_and_a_broken_one_changes_nothing() {
        Workspace workspace = fold("acme",
                new SlaPolicySet("high", "PT1M", "PT3M", "PT4H", true, 95, "root"),
                new SlaPolicySet("low", "PT1H", "PT2H", "P3D", false, 80, "root"),
                new SlaPolicyCleared("low", "root"),
                new SlaPolicySet("normal", "five minutes", "PT3M", "PT4H", false, 90, "forger"),
                new SlaPolicySet("urgent", "PT1M", "PT3M", "PT4H", false, 0, "forger"));

        assertThat(workspace.slaPolicies()).containsOnlyKeys("high");
        assertThat(workspace.slaPolicies().get("high")).isEqualTo(new SlaTargets(Duration.ofMinutes(1),
                Duration.ofMinutes(3), Duration.ofHours(4), true, 95));
    }

    @Test
    void agents_come_from_their_profiles_and_other_events_are_ignored() {
        ProfileUpdated ada = new ProfileUpdated("ada", "Ada", List.of("support"), List.of(), List.of("en"),
                Map.of("*", 3), "ada@example.com", "agent", true, "root");
        Workspace workspace = fold("acme", ada, new io.parley.events.agent.AgentEvent.PresenceChanged("ada",
                io.parley.events.agent.AgentEvent.Presence.ONLINE));
        assertThat(workspace.agents()).containsEntry("ada", ada);
    }

    @Test
    void an_account_belongs_to_the_first_tenant_that_claimed_it() {
        Workspaces all = new Workspaces();
        ChannelSaved acmeNumber = channel("106540352242922", true);
        all.apply(event("acme", acmeNumber));
        all.apply(event("globex", channel("106540352242922", true)));
        all.apply(event("acme", channel("106540352242922", false)));

        assertThat(all.channel("whatsapp", "106540352242922")).hasValueSatisfying(owned -> {
            assertThat(owned.tenant()).isEqualTo("acme");
            assertThat(owned.account().enabled()).isFalse();
        });
        assertThat(all.channel("whatsapp", "999")).isEmpty();
        assertThat(all.tenant("acme").channels()).containsKey("whatsapp:106540352242922");
        assertThat(all.tenant("globex").channels()).as("a refused claim is not the claimant's channel").isEmpty();
    }

    private static ChannelSaved channel(String account, boolean enabled) {
        return new ChannelSaved("whatsapp", account, "Sales", enabled, Map.of(), Map.of(), Map.of(), "root");
    }

    private static Workspace fold(String tenant, EventData... data) {
        Workspace workspace = Workspace.empty(tenant);
        for (EventData each : data) {
            workspace = workspace.evolve(event(tenant, each));
        }
        return workspace;
    }

    private static Event event(String tenant, EventData data) {
        return new Event(UUID.randomUUID().toString(), "/test", tenant, Instant.parse("2026-11-22T10:00:00Z"), tenant,
                null, data);
    }
}
