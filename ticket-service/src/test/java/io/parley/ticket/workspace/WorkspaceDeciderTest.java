package io.parley.ticket.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.Event;
import io.parley.events.EventData;
import io.parley.events.agent.AgentEvent.ProfileUpdated;
import io.parley.events.hours.BusinessHours;
import io.parley.events.workspace.Workspace;
import io.parley.events.workspace.WorkspaceEvent.ChannelSaved;
import io.parley.events.workspace.WorkspaceEvent.SlaPolicyCleared;
import io.parley.events.workspace.WorkspaceEvent.SlaPolicySet;
import io.parley.events.workspace.WorkspaceEvent.TeamSaved;
import io.parley.ticket.workspace.Decision.Accepted;
import io.parley.ticket.workspace.Decision.Reason;
import io.parley.ticket.workspace.Decision.Rejected;
import io.parley.ticket.workspace.Forms.AgentForm;
import io.parley.ticket.workspace.Forms.SlaForm;
import io.parley.ticket.workspace.Forms.ChannelForm;
import io.parley.ticket.workspace.Forms.TeamForm;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WorkspaceDeciderTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private final WorkspaceDecider decider = new WorkspaceDecider(secret -> "sealed(" + secret + ")");

    @Test
    void an_agent_gets_an_id_from_their_email_a_default_role_and_capacity() {
        Workspace acme = fold(decider.createTeam(Workspace.empty("acme"), team("Support"), "root"));

        ProfileUpdated ada = (ProfileUpdated) accepted(decider.createAgent(acme, new AgentForm(null, "Ada Lovelace",
                "ada@acme.example", null, List.of("support"), null, List.of("en"), null, null), "root"));

        assertThat(ada.agentId()).isEqualTo("ada");
        assertThat(ada.role()).isEqualTo("agent");
        assertThat(ada.capacity()).isEqualTo(WorkspaceDecider.DEFAULT_CAPACITY);
        assertThat(ada.isActive()).isTrue();
        assertThat(ada.changedBy()).isEqualTo("root");
    }

    @Test
    void invalid_agents_are_refused_with_every_problem_at_once() {
        Rejected rejected = rejected(decider.createAgent(Workspace.empty("acme"), new AgentForm("Bad Id!", " ",
                "not-an-email", "boss", List.of("nowhere"), null, List.of("english"), Map.of("fax", -1), null),
                "root"));

        assertThat(rejected.reason()).isEqualTo(Reason.INVALID);
        assertThat(rejected.problems()).hasSize(8).anySatisfy(p -> assertThat(p).contains("id 'Bad Id!'"))
                .anySatisfy(p -> assertThat(p).contains("displayName"))
                .anySatisfy(p -> assertThat(p).contains("not-an-email"))
                .anySatisfy(p -> assertThat(p).contains("role 'boss'"))
                .anySatisfy(p -> assertThat(p).contains("team 'nowhere' does not exist"))
                .anySatisfy(p -> assertThat(p).contains("language 'english'"))
                .anySatisfy(p -> assertThat(p).contains("capacity key 'fax'"))
                .anySatisfy(p -> assertThat(p).contains("capacity of 'fax'"));
    }

    @Test
    void a_second_agent_with_the_same_id_or_email_conflicts_and_an_update_keeps_what_it_leaves_out() {
        Workspace acme = fold(decider.createAgent(Workspace.empty("acme"), agent("ada", "ada@acme.example"), "root"));

        assertThat(rejected(decider.createAgent(acme, agent("ada", "other@acme.example"), "root")).reason())
                .isEqualTo(Reason.CONFLICT);
        assertThat(rejected(decider.createAgent(acme, agent("ada2", "ADA@acme.example"), "root")).problems())
                .singleElement().asString().contains("belongs to agent 'ada'");

        ProfileUpdated renamed = (ProfileUpdated) accepted(decider.updateAgent(acme, "ada", new AgentForm(null,
                "Ada L.", null, null, null, null, null, Map.of("whatsapp", 2), null), "root"));
        assertThat(renamed.displayName()).isEqualTo("Ada L.");
        assertThat(renamed.email()).isEqualTo("ada@acme.example");
        assertThat(renamed.capacity()).containsOnly(Map.entry("whatsapp", 2));
        assertThat(rejected(decider.updateAgent(acme, "ghost", agent("ghost", "g@x.io"), "root")).reason())
                .isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void deactivation_keeps_the_profile_but_marks_it_inactive() {
        Workspace acme = fold(decider.createAgent(Workspace.empty("acme"), agent("ada", "ada@acme.example"), "root"));
        ProfileUpdated gone = (ProfileUpdated) accepted(decider.deactivateAgent(acme, "ada", "root"));
        assertThat(gone.isActive()).isFalse();
        assertThat(gone.email()).isEqualTo("ada@acme.example");
    }

    @Test
    void teams_have_unique_names_valid_settings_and_cannot_be_deleted_with_members() {
        Workspace acme = fold(decider.createTeam(Workspace.empty("acme"), team("Billing"), "root"));
        assertThat(((TeamSaved) accepted(decider.createTeam(Workspace.empty("acme"), team("Billing & Refunds"),
                "root"))).teamId()).isEqualTo("billing-refunds");
        assertThat(rejected(decider.createTeam(acme, new TeamForm("billing-2", "BILLING", null, null, null, null),
                "root")).reason()).isEqualTo(Reason.CONFLICT);
        assertThat(rejected(decider.createTeam(acme, new TeamForm("x", "X", "random", "drop", "nights", "gold"),
                "root")).problems()).hasSize(4);

        Workspace withMember = fold(acme, decider.createAgent(acme, new AgentForm("ada", "Ada", "ada@a.io", null,
                List.of("billing"), null, null, null, null), "root"));
        assertThat(rejected(decider.deleteTeam(withMember, "billing", "root")).problems()).singleElement()
                .asString().contains("[ada]");
        assertThat(decider.deleteTeam(acme, "billing", "root")).isInstanceOf(Accepted.class);
    }

    @Test
    void a_team_may_only_name_a_calendar_that_is_set_and_a_used_calendar_cannot_be_removed() {
        BusinessHours hours = new BusinessHours("Europe/Berlin", Map.of(DayOfWeek.MONDAY,
                List.of(new BusinessHours.Period(LocalTime.of(9, 0), LocalTime.of(17, 0)))), Set.of());
        assertThat(rejected(decider.createTeam(Workspace.empty("acme"), new TeamForm(null, "Nights", null, null,
                "nights", null), "root")).problems()).singleElement().asString().contains("PUT /api/v1/admin/hours/nights");

        Workspace withHours = fold(decider.setHours(Workspace.empty("acme"), "nights", hours, "root"));
        Workspace withTeam = fold(withHours, decider.createTeam(withHours, new TeamForm(null, "Nights", null, null,
                "nights", "business-hours"), "root"));
        assertThat(rejected(decider.clearHours(withTeam, "nights", "root")).reason()).isEqualTo(Reason.CONFLICT);
        assertThat(rejected(decider.setHours(Workspace.empty("acme"), "default",
                new BusinessHours("Nowhere/City", Map.of(), null), "root")).problems()).hasSize(2);
    }

    @Test
    void a_channel_seals_its_secrets_and_belongs_to_one_workspace() {
        ChannelSaved number = (ChannelSaved) accepted(decider.createChannel(Workspace.empty("acme"), key -> Optional.empty(),
                whatsapp("106540352242922"), "root", NOW));
        assertThat(number.secrets()).containsEntry("appSecret", "sealed(app-secret)")
                .containsEntry("accessToken", "sealed(token)").containsEntry("verifyToken", "sealed(verify)");
        assertThat(number.secretsChangedAt()).containsEntry("appSecret", NOW);
        assertThat(number.enabled()).isTrue();

        assertThat(rejected(decider.createChannel(Workspace.empty("globex"), key -> Optional.of("acme"),
                whatsapp("106540352242922"), "root", NOW)).problems()).singleElement().asString()
                .contains("another workspace");
    }

    @Test
    void a_channel_update_keeps_the_secrets_it_does_not_replace() {
        Workspace acme = fold(decider.createChannel(Workspace.empty("acme"), key -> Optional.empty(),
                whatsapp("106540352242922"), "root", NOW));
        Instant later = NOW.plusSeconds(60);
        ChannelSaved changed = (ChannelSaved) accepted(decider.updateChannel(acme, "whatsapp", "106540352242922",
                new ChannelForm(null, null, "Sales line", null, null, null, "new-token", null, null, null, null, null),
                "root",
                later));
        assertThat(changed.secrets()).containsEntry("appSecret", "sealed(app-secret)")
                .containsEntry("accessToken", "sealed(new-token)");
        assertThat(changed.secretsChangedAt()).containsEntry("appSecret", NOW).containsEntry("accessToken", later);
        assertThat(changed.name()).isEqualTo("Sales line");
        assertThat(((ChannelSaved) accepted(decider.disableChannel(acme, "whatsapp", "106540352242922", "root")))
                .enabled()).isFalse();
        assertThat(rejected(decider.updateChannel(Workspace.empty("globex"), "whatsapp", "106540352242922",
                whatsapp("106540352242922"), "root", NOW)).reason()).isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void channel_secrets_must_suit_the_channel_kind() {
        Rejected rejected = rejected(decider.createChannel(Workspace.empty("acme"), key -> Optional.empty(),
                new ChannelForm("api", "web", null, null, "ftp://nope", "app-secret", null, null, null, null, null,
                        null), "root",
                NOW));
        assertThat(rejected.problems()).hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("appSecret does not apply to api"))
                .anySatisfy(p -> assertThat(p).contains("bearerToken is required"))
                .anySatisfy(p -> assertThat(p).contains("not an http(s) URL"));
        assertThat(rejected(decider.createChannel(Workspace.empty("acme"), key -> Optional.empty(),
                new ChannelForm("telegram", null, null, null, null, null, null, null, null, null, null, null), "root",
                NOW))
                .problems()).hasSize(2);
    }

    @Test
    void a_web_channel_needs_the_origins_that_may_embed_it_and_seals_its_identity_secret() {
        ChannelSaved web = (ChannelSaved) accepted(decider.createChannel(Workspace.empty("acme"),
                key -> Optional.empty(), new ChannelForm("web", "shop", null, null, null, null, null, null, null, null,
                        List.of("https://Shop.example/", "http://localhost:8080"), "identity"), "root", NOW));
        assertThat(web.settings()).containsEntry("allowedOrigins", "https://shop.example http://localhost:8080");
        assertThat(web.secrets()).containsEntry("identitySecret", "sealed(identity)");

        Rejected rejected = rejected(decider.createChannel(Workspace.empty("acme"), key -> Optional.empty(),
                new ChannelForm("web", "shop", null, null, null, null, null, null, "token", null,
                        List.of("https://shop.example/cart"), null), "root", NOW));
        assertThat(rejected.problems()).hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("bearerToken does not apply to web"))
                .anySatisfy(p -> assertThat(p).contains("'https://shop.example/cart' is not an origin"))
                .anySatisfy(p -> assertThat(p).contains("allowedOrigins is required for web channels"));
        assertThat(rejected(decider.createChannel(Workspace.empty("acme"), key -> Optional.empty(),
                new ChannelForm("api", "app", null, null, null, null, null, null, "token", null,
                        List.of("https://shop.example"), null), "root", NOW)).problems()).singleElement().asString()
                .contains("allowedOrigins only applies to web channels");
    }

    @Test
    void an_sla_policy_is_set_per_priority_with_every_problem_at_once_and_cleared_only_when_set() {
        SlaPolicySet high = (SlaPolicySet) accepted(decider.setSlaPolicy(Workspace.empty("acme"), "high",
                new SlaForm("PT1M", "PT3M", "PT4H", true, null), "root"));
        assertThat(high).isEqualTo(new SlaPolicySet("high", "PT1M", "PT3M", "PT4H", true, 90, "root"));

        Rejected bad = rejected(decider.setSlaPolicy(Workspace.empty("acme"), "gold",
                new SlaForm("5 minutes", "PT0S", null, false, 120), "root"));
        assertThat(bad.reason()).isEqualTo(Reason.INVALID);
        assertThat(bad.problems()).hasSize(5).anySatisfy(problem -> assertThat(problem).contains("gold"))
                .anySatisfy(problem -> assertThat(problem).contains("5 minutes"))
                .anySatisfy(problem -> assertThat(problem).contains("nextReply 'PT0S'"))
                .anySatisfy(problem -> assertThat(problem).contains("resolution is required"))
                .anySatisfy(problem -> assertThat(problem).contains("goalPercent 120"));

        Workspace acme = fold(decider.setSlaPolicy(Workspace.empty("acme"), "high",
                new SlaForm("PT1M", "PT3M", "PT4H", true, 95), "root"));
        assertThat(accepted(decider.clearSlaPolicy(acme, "high", "root")))
                .isEqualTo(new SlaPolicyCleared("high", "root"));
        assertThat(rejected(decider.clearSlaPolicy(acme, "low", "root")).reason())
                .isEqualTo(Reason.NOT_FOUND);
    }

    private static AgentForm agent(String id, String email) {
        return new AgentForm(id, "Someone", email, null, null, null, null, null, null);
    }

    private static TeamForm team(String name) {
        return new TeamForm(null, name, null, null, null, null);
    }

    private static ChannelForm whatsapp(String account) {
        return new ChannelForm("whatsapp", account, null, null, null, "app-secret", "token", "verify", null, null,
                null, null);
    }

    private static EventData accepted(Decision decision) {
        assertThat(decision).isInstanceOf(Accepted.class);
        return ((Accepted) decision).changes().get(0);
    }

    private static Rejected rejected(Decision decision) {
        assertThat(decision).isInstanceOf(Rejected.class);
        return (Rejected) decision;
    }

    private static Workspace fold(Decision decision) {
        return fold(Workspace.empty("acme"), decision);
    }

    private static Workspace fold(Workspace workspace, Decision decision) {
        Workspace next = workspace;
        for (EventData change : ((Accepted) decision).changes()) {
            next = next.evolve(new Event(UUID.randomUUID().toString(), "/test", workspace.tenant(), NOW,
                    workspace.tenant(), null, change));
        }
        return next;
    }
}
