package io.parley.ticket.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.parley.events.Event;
import io.parley.events.Topics;
import io.parley.events.agent.AgentEvent.ProfileUpdated;
import io.parley.events.envelope.EventCodec;
import io.parley.events.workspace.SecretBox;
import io.parley.events.workspace.WorkspaceEvent.ChannelSaved;
import io.parley.testkit.auth.AgentApi;
import io.parley.testkit.kafka.KafkaTestResource;
import io.parley.testkit.kafka.TopicMark;
import io.parley.testkit.kafka.TopicProbe;
import io.parley.testkit.postgres.PostgresTestResource;
import io.parley.ticket.support.Log;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The workspace-administration API on the real broker: every change an event, read back at once, tenants apart. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class WorkspaceAdminIT {

    @Test
    void an_admin_forms_a_team_and_adds_an_agent_to_it_as_events_that_routing_can_read() {
        TopicMark agents = Log.mark(Topics.AGENT_EVENTS);
        TopicMark workspace = Log.mark(Topics.WORKSPACE_EVENTS);

        AgentApi.asAdmin("team-co", "root").body(Map.of("name", "Billing", "strategy", "round-robin"))
                .post("/api/v1/admin/teams").then().statusCode(201).body("id", equalTo("billing"))
                .body("offlinePolicy", equalTo("requeue"));
        AgentApi.asAdmin("team-co", "root").body(Map.of("displayName", "Ada", "email", "ada@team-co.example",
                        "teams", List.of("billing"), "languages", List.of("en", "es"), "capacity", Map.of("whatsapp", 2)))
                .post("/api/v1/admin/agents").then().statusCode(201).body("id", equalTo("ada"))
                .body("role", equalTo("agent")).body("active", equalTo(true));

        AgentApi.asAgent("team-co", "ada").get("/api/v1/admin/teams").then().statusCode(200)
                .body("id", contains("billing")).body("[0].members", contains("ada"));
        ProfileUpdated profile = (ProfileUpdated) decoded(Log.await(agents, 1,
                TopicProbe.keyIs("ada").and(TopicProbe.valueContains("profile-updated"))).get(0)).data();
        assertThat(profile.teams()).containsExactly("billing");
        assertThat(profile.capacity()).containsOnly(Map.entry("whatsapp", 2));
        assertThat(profile.changedBy()).isEqualTo("root");
        assertThat(decoded(Log.await(workspace, 1, TopicProbe.keyIs("team-co")).get(0)).type())
                .isEqualTo("parley.workspace.team-saved.v1");

        // ada's token says admin, but her workspace role is agent: she may not change the workspace
        AgentApi.asAdmin("team-co", "ada").body(Map.of("name", "Sales")).post("/api/v1/admin/teams").then()
                .statusCode(403).body("detail", containsString("role 'agent'"));
        AgentApi.asAdmin("team-co", "root").body(Map.of("role", "admin")).put("/api/v1/admin/agents/ada").then()
                .statusCode(200).body("role", equalTo("admin")).body("teams", contains("billing"));
        AgentApi.asAdmin("team-co", "ada").body(Map.of("name", "Sales")).post("/api/v1/admin/teams").then()
                .statusCode(201);
        AgentApi.asAdmin("team-co", "root").delete("/api/v1/admin/teams/billing").then().statusCode(409)
                .body("detail", containsString("ada"));
        AgentApi.asAdmin("team-co", "root").delete("/api/v1/admin/agents/ada").then().statusCode(200)
                .body("active", equalTo(false));
        AgentApi.asAgent("team-co", "ada").get("/api/v1/conversations").then().statusCode(403)
                .body("detail", containsString("deactivated"));
        AgentApi.asAdmin("team-co", "root").delete("/api/v1/admin/teams/billing").then().statusCode(204);
    }

    @Test
    void bad_input_gets_every_problem_duplicates_409_agents_403_and_other_tenants_404() {
        AgentApi.asAdmin("strict-co", "root").body(Map.of("name", "Support")).post("/api/v1/admin/teams").then()
                .statusCode(201);

        AgentApi.asAdmin("strict-co", "root").body(Map.of("email", "nope", "role", "boss", "teams", List.of("ghosts")))
                .post("/api/v1/admin/agents").then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400))
                .body("problems", hasSize(4)).body("problems", hasItem(containsString("team 'ghosts'")));
        AgentApi.asAdmin("strict-co", "root").body(Map.of("id", "support-2", "name", "SUPPORT"))
                .post("/api/v1/admin/teams").then().statusCode(409);
        AgentApi.asAgent("strict-co", "agent-1").body(Map.of("name", "Sneaky")).post("/api/v1/admin/teams").then()
                .statusCode(403);
        AgentApi.asAgent("strict-co", "agent-1").get("/api/v1/admin/workspace").then().statusCode(403);
        AgentApi.asAdmin("other-co", "root").get("/api/v1/admin/teams/support").then().statusCode(404);
        AgentApi.asAdmin("other-co", "root").body(Map.of("name", "Mine now")).put("/api/v1/admin/teams/support").then()
                .statusCode(404);
        AgentApi.asAdmin("other-co", "root").get("/api/v1/admin/teams").then().statusCode(200)
                .body("id", not(hasItem("support")));
    }

    @Test
    void channel_secrets_are_write_only_sealed_in_the_log_and_a_number_belongs_to_one_tenant() {
        TopicMark workspace = Log.mark(Topics.WORKSPACE_EVENTS);
        Map<String, Object> number = Map.of("channel", "whatsapp", "accountId", "555000111", "name", "Sales",
                "appSecret", "app-secret-123", "accessToken", "EAAG-token-456", "verifyToken", "verify-789");

        String created = AgentApi.asAdmin("chan-co", "root").body(number).post("/api/v1/admin/channels").then()
                .statusCode(201).body("enabled", equalTo(true)).body("secrets.appSecret.set", equalTo(true))
                .body("secrets.accessToken.changedAt", notNullValue()).extract().asString();
        assertThat(created).doesNotContain("app-secret-123").doesNotContain("EAAG-token-456");
        assertThat(AgentApi.asAdmin("chan-co", "root").get("/api/v1/admin/workspace").then().statusCode(200)
                .body("channels.accountId", contains("555000111")).body("botSettings.unavailable", notNullValue())
                .extract().asString()).doesNotContain("EAAG-token-456");

        ChannelSaved saved = (ChannelSaved) decoded(Log.await(workspace, 1, TopicProbe.keyIs("chan-co")).get(0)).data();
        assertThat(new String(EventCodec.encode(decoded(Log.await(workspace, 1, TopicProbe.keyIs("chan-co")).get(0)))))
                .doesNotContain("EAAG-token-456");
        SecretBox box = SecretBox.fromBase64Key(ConfigProvider.getConfig()
                .getValue("parley.workspace.secret-key", String.class));
        assertThat(box.open(saved.secrets().get("accessToken"))).isEqualTo("EAAG-token-456");

        assertThat(AgentApi.asAdmin("chan-co", "root").get("/api/v1/admin/audit").then().statusCode(200)
                .body("[0].change.secretsChangedAt.accessToken", notNullValue()).extract().asString())
                .doesNotContain(saved.secrets().get("accessToken")).doesNotContain("EAAG-token-456");
        AgentApi.asAdmin("thief-co", "root").body(number).post("/api/v1/admin/channels").then().statusCode(409)
                .body("detail", containsString("another workspace"));
        AgentApi.asAdmin("thief-co", "root").get("/api/v1/admin/channels").then().statusCode(200)
                .body("accountId", not(hasItem("555000111")));
        AgentApi.asAdmin("chan-co", "root").delete("/api/v1/admin/channels/whatsapp/555000111").then().statusCode(200)
                .body("enabled", equalTo(false));
        AgentApi.asAdmin("chan-co", "root").body(Map.of("enabled", true, "accessToken", "EAAG-rotated"))
                .put("/api/v1/admin/channels/whatsapp/555000111").then().statusCode(200)
                .body("enabled", equalTo(true)).body("secrets.appSecret.set", equalTo(true));
    }

    @Test
    void hours_are_set_in_one_place_and_every_change_is_audited() {
        Map<String, Object> hours = Map.of("timeZone", "Europe/Berlin",
                "weekly", Map.of("monday", List.of(Map.of("from", "09:00", "to", "17:00"))),
                "holidays", List.of("2026-12-25"));
        AgentApi.asAdmin("hours-co", "root").body(hours).put("/api/v1/admin/hours/default").then().statusCode(200)
                .body("calendar", equalTo("default")).body("hours.timeZone", equalTo("Europe/Berlin"));
        AgentApi.asAdmin("hours-co", "root").body(Map.of("timeZone", "Mars/Base", "weekly", Map.of()))
                .put("/api/v1/admin/hours/nights").then().statusCode(400).body("problems", hasSize(2));
        AgentApi.asAdmin("hours-co", "root").body(Map.of("timeZone", "UTC", "weekly", Map.of("monday",
                        List.of(Map.of("from", "9 o'clock", "to", "17:00")))))
                .put("/api/v1/admin/hours/nights").then().statusCode(400).contentType("application/problem+json")
                .body("problems[0]", containsStringIgnoringCase("weekly.monday[0].from"));
        AgentApi.asAdmin("hours-co", "root").body("{not json").put("/api/v1/admin/hours/nights").then().statusCode(400)
                .contentType("application/problem+json").body("problems[0]", containsString("not valid JSON"));
        AgentApi.asAdmin("hours-co", "root").body(Map.of("name", "Support", "hoursCalendar", "default"))
                .post("/api/v1/admin/teams").then().statusCode(201);

        AgentApi.asAdmin("hours-co", "root").get("/api/v1/admin/workspace").then().statusCode(200)
                .body("hours.calendar", contains("default")).body("teams.hoursCalendar", contains("default"))
                .body("slaPolicies.find { it.priority == 'normal' }.firstReply", equalTo("PT5M"));
        AgentApi.asAdmin("hours-co", "root").get("/api/v1/admin/audit").then().statusCode(200)
                .body("type", contains("parley.workspace.team-saved.v1", "parley.workspace.hours-set.v1"))
                .body("changedBy", contains("root", "root"));
        AgentApi.asAdmin("hours-co", "root").delete("/api/v1/admin/hours/default").then().statusCode(409);
    }

    @Test
    void sla_policies_are_set_in_the_workspace_per_tenant_and_cleared_back_to_the_configured_ones() {
        AgentApi.asAdmin("sla-co", "root").body(Map.of("firstReply", "PT1M", "nextReply", "PT3M", "resolution", "PT4H",
                "businessHours", true, "goalPercent", 95)).put("/api/v1/admin/sla/high").then().statusCode(200)
                .body("firstReply", equalTo("PT1M")).body("goalPercent", equalTo(95))
                .body("source", equalTo("workspace"));
        AgentApi.asAdmin("sla-co", "root").body(Map.of("firstReply", "soon", "resolution", "PT4H"))
                .put("/api/v1/admin/sla/high").then().statusCode(400).contentType("application/problem+json")
                .body("problems", hasSize(2));
        AgentApi.asAdmin("sla-co", "root").body(Map.of()).put("/api/v1/admin/sla/gold").then().statusCode(400);
        AgentApi.asAgent("sla-co", "bea").body(Map.of()).put("/api/v1/admin/sla/high").then().statusCode(403);

        await().untilAsserted(() -> AgentApi.asAdmin("sla-co", "root").get("/api/v1/admin/sla").then().statusCode(200)
                .body("priority", contains("low", "normal", "high", "urgent"))
                .body("source", contains("configured", "configured", "workspace", "configured")));
        AgentApi.asAdmin("sla-co", "root").get("/api/v1/admin/workspace").then().statusCode(200)
                .body("slaPolicies.find { it.priority == 'high' }.resolution", equalTo("PT4H"));
        AgentApi.asAdmin("other-sla-co", "root").get("/api/v1/admin/sla/high").then().statusCode(200)
                .body("source", equalTo("configured")).body("firstReply", equalTo("PT2M"));

        AgentApi.asAdmin("sla-co", "root").delete("/api/v1/admin/sla/high").then().statusCode(204);
        AgentApi.asAdmin("sla-co", "root").get("/api/v1/admin/sla/high").then().statusCode(200)
                .body("source", equalTo("configured"));
        AgentApi.asAdmin("sla-co", "root").delete("/api/v1/admin/sla/high").then().statusCode(404);
        AgentApi.asAdmin("sla-co", "root").get("/api/v1/admin/audit").then().statusCode(200)
                .body("type", contains("parley.workspace.sla-policy-cleared.v1", "parley.workspace.sla-policy-set.v1"));
    }

    @Test
    void an_agent_reads_their_own_profile_presence_and_load() {
        AgentApi.asAdmin("me-co", "root").body(Map.of("id", "bea", "displayName", "Bea", "email", "bea@me-co.example",
                "capacity", Map.of("*", 4))).post("/api/v1/admin/agents").then().statusCode(201);
        AgentApi.asAgent("me-co", "bea").body(Map.of("presence", "online")).put("/api/v1/agents/me/presence").then()
                .statusCode(200);

        await().untilAsserted(() -> AgentApi.asAgent("me-co", "bea").get("/api/v1/agents/me").then().statusCode(200)
                .body("presence", equalTo("online")).body("profile.email", equalTo("bea@me-co.example"))
                .body("capacity.'*'", equalTo(4)).body("openConversations", equalTo(0)));
        AgentApi.asAgent("me-co", "stranger").get("/api/v1/agents/me").then().statusCode(200).body("profile", nullValue());
    }

    private static Event decoded(ConsumerRecord<String, byte[]> record) {
        return EventCodec.decode(record.value()).orElseThrow();
    }
}
