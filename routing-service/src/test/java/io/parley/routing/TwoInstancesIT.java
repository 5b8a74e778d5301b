package io.parley.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.events.Event;
import io.parley.events.EventData;
import io.parley.events.Topics;
import io.parley.events.agent.AgentEvent.Presence;
import io.parley.events.agent.AgentEvent.PresenceChanged;
import io.parley.events.agent.AgentEvent.ProfileUpdated;
import io.parley.events.conversation.ConversationEvent.Assigned;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.Queued;
import io.parley.events.envelope.EventCodec;
import io.parley.events.workspace.WorkspaceEvent.TeamSaved;
import io.parley.routing.decider.TenantRouter;
import io.parley.testkit.auth.DevTokens;
import io.parley.testkit.kafka.SharedKafka;
import io.parley.testkit.kafka.TopicMark;
import io.parley.testkit.kafka.TopicProbe;
import io.parley.testkit.quarkus.QuarkusAppProcess;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two packaged routing-service processes on one broker, as behind the gateway with {@code --instances 2}: one decides
 * for the tenant (the work topic has one partition here, so the other decides for nobody), and both answer the
 * tenant's reads with the same content from their read replicas, including a team saved in the workspace. Not a
 * {@code @QuarkusTest}: it runs {@code target/quarkus-app/quarkus-run.jar}, so Failsafe runs it after
 * {@code package}. Each process's output goes to {@code target/two-instances-it/<instance>/output-<n>.log}.
 */
class TwoInstancesIT {

    private static final Path PACKAGED_APP = Path.of("target", "quarkus-app");
    private static final Path WORK_DIR = Path.of("target", "two-instances-it");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> READS = List.of("/teams", "/agents", "/queues/triage");

    private final String tenant = "t-" + UUID.randomUUID();

    @Test
    void bothInstancesAnswerTheTenantsReadsAlikeAndApplyATeamSavedInTheWorkspace() {
        Map<String, String> config = Map.of("kafka.bootstrap.servers", SharedKafka.bootstrapServers());
        try (TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers());
             QuarkusAppProcess first = QuarkusAppProcess.packaged(PACKAGED_APP, WORK_DIR.resolve("first"), config);
             QuarkusAppProcess second = QuarkusAppProcess.packaged(PACKAGED_APP, WORK_DIR.resolve("second"), config)) {
            try {
                routeOnTwoInstances(probe, List.of(first, second));
            } catch (AssertionError | RuntimeException failure) {
                throw new AssertionError(failure.getMessage() + "\nThe instances' output: " + first.logFiles() + ", "
                        + second.logFiles(), failure);
            }
        }
    }

    private void routeOnTwoInstances(TopicProbe probe, List<QuarkusAppProcess> instances) {
        instances.forEach(QuarkusAppProcess::start);
        String unknown = "nobody-" + tenant;
        for (QuarkusAppProcess instance : instances) {
            read(instance, unknown, DevTokens.issue(unknown, "eve", false), "/teams").then().statusCode(404);
        }

        append(probe, Topics.WORKSPACE_EVENTS, tenant,
                new TeamSaved("triage", "Triage", "round-robin", "keep", null, null, "boss"));
        for (String agent : List.of("ana", "ben")) {
            append(probe, Topics.AGENT_EVENTS, agent, new ProfileUpdated(agent, agent, List.of("triage"), List.of(),
                    List.of(), Map.of("*", 1), agent + "@example.test", "agent", true, "boss"));
            append(probe, Topics.AGENT_EVENTS, agent, new PresenceChanged(agent, Presence.ONLINE));
        }
        // In the work topic before the handoffs (another source topic, so not ordered with them otherwise).
        await().atMost(TIMEOUT).untilAsserted(() -> instances.forEach(instance ->
                assertThat(readJson(instance, "/teams").findValue("onlineAgents").asInt()).isEqualTo(2)));

        TopicMark beforeHandoffs = probe.mark(Topics.CONVERSATION_EVENTS);
        List.of("whatsapp:1:c1", "whatsapp:1:c2", "whatsapp:1:c3").forEach(conversation -> append(probe,
                Topics.CONVERSATION_EVENTS, conversation, new HandoffRequested("asked-for-human", null, null,
                        List.of())));

        List<EventData> decisions = probe.await(beforeHandoffs, 3, record -> EventCodec.decode(record.value())
                        .filter(e -> tenant.equals(e.tenant()) && TenantRouter.SOURCE.equals(e.source())).isPresent(),
                TIMEOUT).stream().map(record -> EventCodec.decode(record.value()).orElseThrow().data()).toList();
        assertThat(decisions).filteredOn(Assigned.class::isInstance).extracting(data -> ((Assigned) data).strategy())
                .as("the team saved in the workspace").containsExactly("round-robin", "round-robin");
        assertThat(decisions).filteredOn(Queued.class::isInstance).hasSize(1);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonNode queue = readJson(instances.get(0), "/queues/triage");
            assertThat(queue.findValuesAsText("conversationId")).containsExactly("whatsapp:1:c3");
            for (String path : READS) {
                assertThat(readJson(instances.get(1), path)).as(path).isEqualTo(readJson(instances.get(0), path));
            }
        });
        JsonNode teams = readJson(instances.get(1), "/teams");
        assertThat(teams.findValuesAsText("strategy")).containsExactly("round-robin");
        assertThat(teams.findValuesAsText("offlinePolicy")).containsExactly("keep");
    }

    private JsonNode readJson(QuarkusAppProcess instance, String path) {
        String body = read(instance, tenant, DevTokens.issue(tenant, "ana", false), path).then().statusCode(200)
                .extract().asString();
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(path + " answered no JSON: " + body, e);
        }
    }

    private static Response read(QuarkusAppProcess instance, String tenant, String token, String path) {
        return given().baseUri(instance.baseUrl()).auth().oauth2(token).get("/api/v1/routing/{tenant}" + path, tenant);
    }

    private void append(TopicProbe probe, String topic, String key, EventData data) {
        Event event = new Event(UUID.randomUUID().toString(), "/test", key, Instant.now(), tenant, null, data);
        probe.append(topic, key, EventCodec.encode(event));
    }
}
