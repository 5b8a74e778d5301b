package io.parley.routing.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.events.Event;
import io.parley.events.EventData;
import io.parley.events.envelope.EventCodec;
import io.parley.events.hours.BusinessHours;
import io.parley.events.workspace.WorkspaceEvent.HoursSet;
import io.parley.events.workspace.WorkspaceEvent.TeamDeleted;
import io.parley.events.workspace.WorkspaceEvent.TeamSaved;
import io.parley.routing.decider.Fact;
import io.parley.routing.decider.TenantRouter;
import io.parley.routing.team.OfflinePolicy;
import io.parley.routing.team.Strategy;
import io.parley.routing.team.Team;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkCodecTest {

    /** A record exactly as routing's former {@code PUT /teams/{team}} appended it to the work topic. */
    private static final String LEGACY_TEAM_CONFIGURED = """
            {"specversion":"1.0","id":"0b6f7a52-1d1e-4d5e-9a53-6b1f0c1d2e3f","source":"/routing/admin",\
            "subject":"acme","time":"2026-11-20T09:00:00Z","tenant":"acme","datacontenttype":"application/json",\
            "type":"parley.routing.team-configured.v1",\
            "data":{"id":"vip","strategy":"round-robin","offlinePolicy":"keep"}}""";

    @Test
    void aTeamConfiguredRecordOfTheFormerEndpointIsStillReadAndApplied() {
        Fact fact = WorkCodec.decode(LEGACY_TEAM_CONFIGURED.getBytes(StandardCharsets.UTF_8)).orElseThrow();
        TenantRouter router = new TenantRouter("acme");

        router.apply(fact);

        assertThat(fact).isInstanceOf(Fact.TeamConfigured.class);
        assertThat(router.teams().get("vip")).isEqualTo(new Team("vip", Strategy.ROUND_ROBIN, OfflinePolicy.KEEP));
    }

    @Test
    void aTeamConfiguredFactIsNoLongerWritten() {
        Fact legacy = new Fact.TeamConfigured("id", Instant.now(), "acme", Team.withDefaults("vip"));

        assertThatThrownBy(() -> WorkCodec.encode(legacy)).hasMessageContaining("parley.workspace.team-saved.v1");
    }

    @Test
    void aForwardedWorkspaceEventReadsAsTheLoggedEventItWas() {
        Event saved = event(new TeamSaved("vip", "VIP", "round-robin", "keep", null, null, "boss"));

        assertThat(WorkCodec.decode(EventCodec.encode(saved))).contains(new Fact.Logged(saved));
    }

    @Test
    void onlyTheTeamEventsOfTheWorkspaceMatterToRouting() {
        assertThat(RoutingRelevance.matters(event(new TeamSaved("vip", "VIP", "balanced", "keep", null, null, "boss"))))
                .isTrue();
        assertThat(RoutingRelevance.matters(event(new TeamDeleted("vip", "boss")))).isTrue();
        assertThat(RoutingRelevance.matters(event(new HoursSet("vip", BusinessHours.parse("UTC", "MON-FRI 09:00-17:00", Set.of()), "boss"))))
                .isFalse();
    }

    private static Event event(EventData data) {
        return new Event("e-" + data.hashCode(), "/ticket/admin", "acme", Instant.parse("2026-11-22T10:00:00Z"),
                "acme", null, data);
    }
}
