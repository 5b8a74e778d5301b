package io.parley.routing.work;

import static io.parley.testkit.auth.AgentApi.withToken;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.parley.edge.consumer.RecordProcessor;
import io.parley.edge.consumer.UnprocessableRecordException;
import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.EventData;
import io.parley.events.Topics;
import io.parley.events.agent.AgentEvent.Presence;
import io.parley.events.agent.AgentEvent.PresenceChanged;
import io.parley.events.agent.AgentEvent.ProfileUpdated;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.Assigned;
import io.parley.events.conversation.ConversationEvent.Contact;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.conversation.ConversationEvent.Queued;
import io.parley.events.conversation.ConversationEvent.StatusChanged;
import io.parley.events.conversation.ConversationStatus;
import io.parley.events.envelope.EventCodec;
import io.parley.events.workspace.WorkspaceEvent.TeamDeleted;
import io.parley.events.workspace.WorkspaceEvent.TeamSaved;
import io.parley.events.kafka.DeadLetterHeaders;
import io.parley.routing.agent.Agent;
import io.parley.routing.decider.Fact;
import io.parley.routing.decider.Router;
import io.parley.routing.decider.TenantRouter;
import io.parley.testkit.auth.DevTokens;
import io.parley.testkit.kafka.KafkaTestResource;
import io.parley.testkit.kafka.SharedKafka;
import io.parley.testkit.kafka.TopicMark;
import io.parley.testkit.kafka.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class RoutingIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    RoutingWorkers workers;

    @Inject
    RecordProcessor processor;

    private TopicProbe probe;
    private final String tenant = "t-" + UUID.randomUUID();

    @BeforeEach
    void probe() {
        probe = new TopicProbe(bootstrapServers);
    }

    @AfterEach
    void close() {
        probe.close();
    }

    @Test
    void handoffIsAssignedOrQueuedAndTheQueueDrainsWhenAConversationIsSolved() {
        agent("ana", 1);
        awaitOnline(1);

        TopicMark before = probe.mark(Topics.CONVERSATION_EVENTS);
        handoff("whatsapp:1:c1");
        assertThat(decisions(before, 1)).extracting(Event::subject, Event::data)
                .containsExactly(tuple("whatsapp:1:c1", new Assigned("ana", "triage", null, "balanced")));

        TopicMark beforeSecond = probe.mark(Topics.CONVERSATION_EVENTS);
        handoff("whatsapp:1:c2");
        assertThat(decisions(beforeSecond, 1)).extracting(Event::subject, Event::data)
                .containsExactly(tuple("whatsapp:1:c2", new Queued("triage", Priority.NORMAL, 1)));

        TopicMark beforeSolve = probe.mark(Topics.CONVERSATION_EVENTS);
        append(Topics.CONVERSATION_EVENTS, "whatsapp:1:c1", new StatusChanged(ConversationStatus.SOLVED, null, "ana"));
        assertThat(decisions(beforeSolve, 1)).extracting(Event::subject, Event::data)
                .containsExactly(tuple("whatsapp:1:c2", new Assigned("ana", "triage", null, "balanced")));
    }

    @Test
    void anUnreadableRecordIsParkedWithItsReasonAndRoutingGoesOn() {
        String deadLetters = Topics.deadLetter(Topics.CONVERSATION_EVENTS, "routing");
        SharedKafka.broker().createTopics(Map.of(deadLetters, 1));
        TopicMark parkedFrom = probe.mark(deadLetters);
        agent("ana", 1);
        awaitOnline(1);
        String poisonKey = "poison-" + UUID.randomUUID();

        probe.append(Topics.CONVERSATION_EVENTS, poisonKey, "{not json".getBytes(StandardCharsets.UTF_8));
        TopicMark before = probe.mark(Topics.CONVERSATION_EVENTS); // after the poison: decisions() reads events only
        handoff("whatsapp:1:after-poison");

        ConsumerRecord<String, byte[]> parked = probe.await(parkedFrom, 1, TopicProbe.keyIs(poisonKey), TIMEOUT).get(0);
        assertThat(new String(parked.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(header(parked, DeadLetterHeaders.REASON)).contains("not JSON");
        assertThat(header(parked, DeadLetterHeaders.TOPIC)).isEqualTo(Topics.CONVERSATION_EVENTS);
        assertThat(decisions(before, 1)).extracting(Event::subject).containsExactly("whatsapp:1:after-poison");
    }

    @Test
    void aFactTheDeciderCannotApplyIsParkedAndTheDeciderGoesOn() {
        String workTopic = "routing-work-" + UUID.randomUUID();
        String deadLetters = Topics.deadLetter(workTopic, "routing");
        SharedKafka.broker().createTopics(Map.of(workTopic, 1, deadLetters, 1));
        TopicMark parkedFrom = probe.mark(deadLetters);
        String poison = "poison-" + UUID.randomUUID();
        PartitionRouters failing = new PartitionRouters(() -> new Router() {
            @Override
            public List<Event> apply(Fact fact) {
                if (fact.id().equals(poison)) {
                    throw new IllegalStateException("injected fold failure");
                }
                return super.apply(fact);
            }
        });
        KafkaClients clients = new KafkaClients(bootstrapServers);
        try (KafkaProducer<String, byte[]> producer = clients.producer()) {
            DeciderWorker decider = new DeciderWorker(clients, producer, processor, "decider-" + workTopic,
                    "failing-decider", workTopic, failing);
            decider.start();
            try {
                TopicMark before = probe.mark(Topics.CONVERSATION_EVENTS);
                appendFact(workTopic, poison, "whatsapp:1:poisoned",
                        new HandoffRequested("asked-for-human", null, null, List.of()));
                appendFact(workTopic, UUID.randomUUID().toString(), "ana", new ProfileUpdated("ana", "ana",
                        List.of("triage"), List.of(), List.of(), Map.of("*", 1)));
                appendFact(workTopic, UUID.randomUUID().toString(), "ana", new PresenceChanged("ana", Presence.ONLINE));
                appendFact(workTopic, UUID.randomUUID().toString(), "whatsapp:1:after-failure",
                        new HandoffRequested("asked-for-human", null, null, List.of()));

                ConsumerRecord<String, byte[]> parked = probe.await(parkedFrom, 1, TopicProbe.keyIs(tenant), TIMEOUT)
                        .get(0);
                assertThat(EventCodec.decode(parked.value()).orElseThrow().id()).isEqualTo(poison);
                assertThat(header(parked, DeadLetterHeaders.REASON)).contains("injected fold failure");
                assertThat(header(parked, DeadLetterHeaders.TOPIC)).isEqualTo(workTopic);
                assertThat(header(parked, DeadLetterHeaders.EXCEPTION_CLASS))
                        .isEqualTo(UnprocessableRecordException.class.getName());
                assertThat(decisions(before, 1)).extracting(Event::subject, Event::data).containsExactly(
                        tuple("whatsapp:1:after-failure", new Assigned("ana", "triage", null, "balanced")));
            } finally {
                decider.stop();
            }
        }
    }

    /** A fact as the forwarder writes it to a work topic: the event, keyed by its tenant. */
    private void appendFact(String workTopic, String id, String subject, EventData data) {
        Event event = new Event(id, "/test", subject, Instant.now(), tenant, null, data);
        probe.append(workTopic, tenant, EventCodec.encode(event));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void concurrentHandoffsNeverOverbookWithTwoDeciderInstances() throws Exception {
        KafkaClients clients = new KafkaClients(bootstrapServers);
        try (KafkaProducer<String, byte[]> producer = clients.producer()) {
            DeciderWorker second = new DeciderWorker(clients, producer, processor, DeciderWorker.GROUP,
                    "second-decider", Duration.ZERO);
            second.start();
            try {
                TopicMark before = probe.mark(Topics.CONVERSATION_EVENTS);
                agent("ana", 2);
                agent("ben", 2);
                agent("cid", 2);
                awaitOnline(3);
                ExecutorService pool = Executors.newFixedThreadPool(8);
                IntStream.range(0, 40).forEach(i -> pool.submit(() -> handoff("whatsapp:1:x" + i)));
                pool.shutdown();
                assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

                List<Event> decisions = decisions(before, 40);

                Map<String, Long> assignedPerAgent = decisions.stream().filter(e -> e.data() instanceof Assigned)
                        .collect(Collectors.groupingBy(e -> ((Assigned) e.data()).agentId(), Collectors.counting()));
                assertThat(assignedPerAgent).isEqualTo(Map.of("ana", 2L, "ben", 2L, "cid", 2L));
                assertThat(decisions).filteredOn(e -> e.data() instanceof Queued).hasSize(34);
            } finally {
                second.stop();
            }
        }
    }

    @Test
    void aRestartedDeciderRebuildsItsStateFromTheWorkTopicWithoutDecidingAgain() {
        agent("ana", 1);
        awaitOnline(1);
        TopicMark before = probe.mark(Topics.CONVERSATION_EVENTS);
        handoff("whatsapp:1:r1");
        decisions(before, 1);
        handoff("whatsapp:1:r2");
        decisions(before, 2);

        TopicMark beforeRestart = probe.mark(Topics.CONVERSATION_EVENTS);
        workers.restartDecider();
        await().atMost(TIMEOUT).until(() -> workers.readDecider(tenant, r -> r.queues().size()).orElse(-1) == 1);
        assertThat(workers.readDecider(tenant, r -> r.assigneeOf("whatsapp:1:r1"))).contains(Optional.of("ana"));

        append(Topics.CONVERSATION_EVENTS, "whatsapp:1:r1", new StatusChanged(ConversationStatus.CLOSED, null, "ana"));
        assertThat(decisions(beforeRestart, 1)).extracting(Event::subject, Event::data)
                .containsExactly(tuple("whatsapp:1:r2", new Assigned("ana", "triage", null, "balanced")));
    }

    @Test
    void aRestartedDeciderFoldsFromItsLastSnapshotNotFromTheBeginningOfTheWorkTopic() {
        agent("ana", 1);
        awaitOnline(1);
        TopicMark before = probe.mark(Topics.CONVERSATION_EVENTS);
        IntStream.range(0, 200).forEach(i -> handoff("whatsapp:1:h" + i));
        decisions(before, 200);
        // Tests snapshot after every commit: once the next fact is decided, the batch before it is in a snapshot.
        TopicMark beforeLast = probe.mark(Topics.CONVERSATION_EVENTS);
        handoff("whatsapp:1:last");
        decisions(beforeLast, 1);

        workers.restartDecider();

        await().atMost(TIMEOUT).until(() -> workers.deciderFoldedAtLastCatchUp() >= 0);
        assertThat(workers.deciderFoldedAtLastCatchUp()).as("records folded catching up").isLessThanOrEqualTo(5);
        await().atMost(TIMEOUT).until(() -> workers.readDecider(tenant, r -> r.queues().size()).orElse(-1) == 200);
        assertThat(workers.readDecider(tenant, r -> r.assigneeOf("whatsapp:1:h0"))).contains(Optional.of("ana"));
    }

    @Test
    void aSnapshotWriteCutShortLeavesThePreviousSnapshotReadable() throws Exception {
        String topic = "routing-snapshots-" + UUID.randomUUID();
        KafkaClients clients = new KafkaClients(bootstrapServers);
        TopicPartition work = new TopicPartition(Topics.ROUTING_WORK, 0);
        try (KafkaProducer<String, byte[]> producer = clients.producer()) {
            RoutingSnapshots snapshots = new RoutingSnapshots(clients, producer, topic);
            snapshots.write(work, 42, List.of());
            // What a stop or a crash between a snapshot's chunks and its manifest leaves behind.
            producer.send(new ProducerRecord<>(topic, 0, "0/0", new byte[] {1, 2, 3})).get();
            producer.send(new ProducerRecord<>(topic, 0, "0/1", new byte[] {4, 5, 6})).get();

            assertThat(snapshots.read(work)).map(PartitionSnapshot::offset).contains(42L);
        }
    }

    @Test
    void rulesSetThroughTheApiAndTeamsSavedInTheWorkspaceRoute() {
        agent("ana", 3);
        awaitOnline(1);
        append(Topics.WORKSPACE_EVENTS, tenant, new TeamSaved("vip", "VIP", "round-robin", "keep", null, null, "boss"));
        withToken(admin()).contentType("application/json").body("""
                {"triageTeam": "triage", "rules": [{"id": "vip", "team": "vip", "priority": "high",
                  "when": {"keywords": ["réclamation"]}}]}""")
                .put("/api/v1/routing/{tenant}/rules", tenant).then().statusCode(202);
        await().atMost(TIMEOUT).untilAsserted(() -> withToken(agentOf(tenant)).get("/api/v1/routing/{tenant}/rules", tenant)
                .then().statusCode(200).body("rules[0].id", equalTo("vip")));
        await().atMost(TIMEOUT).untilAsserted(() -> withToken(agentOf(tenant)).get("/api/v1/routing/{tenant}/teams", tenant)
                .then().statusCode(200)
                .body("find { it.id == 'vip' }.strategy", equalTo("round-robin"))
                .body("find { it.id == 'vip' }.offlinePolicy", equalTo("keep")));

        TopicMark before = probe.mark(Topics.CONVERSATION_EVENTS);
        append(Topics.CONVERSATION_EVENTS, "whatsapp:1:v1", new HandoffRequested("asked-for-human",
                "Client veut faire une RECLAMATION", "fr", List.of()));

        assertThat(decisions(before, 1)).extracting(Event::data)
                .containsExactly(new Queued("vip", Priority.HIGH, 1));
        withToken(agentOf(tenant)).get("/api/v1/routing/{tenant}/figures", tenant).then().statusCode(200);

        append(Topics.WORKSPACE_EVENTS, tenant, new TeamDeleted("vip", "boss"));
        await().atMost(TIMEOUT).untilAsserted(() -> withToken(agentOf(tenant)).get("/api/v1/routing/{tenant}/teams", tenant)
                .then().statusCode(200)
                .body("find { it.id == 'vip' }.strategy", equalTo("balanced"))
                .body("find { it.id == 'vip' }.queued", equalTo(1)));
    }

    @Test
    void aDeactivatedAgentsConversationsGoBackToTheQueue() {
        agent("ana", 1);
        awaitOnline(1);
        TopicMark before = probe.mark(Topics.CONVERSATION_EVENTS);
        handoff("whatsapp:1:d1");
        decisions(before, 1);

        TopicMark beforeDeactivation = probe.mark(Topics.CONVERSATION_EVENTS);
        append(Topics.AGENT_EVENTS, "ana", new ProfileUpdated("ana", "ana", List.of("triage"), List.of(), List.of(),
                Map.of("*", 1), "ana@example.test", "agent", false, "boss"));

        assertThat(decisions(beforeDeactivation, 1)).extracting(Event::subject, Event::data)
                .containsExactly(tuple("whatsapp:1:d1", new Queued("triage", Priority.NORMAL, 1)));
        await().atMost(TIMEOUT).untilAsserted(() -> withToken(agentOf(tenant)).get("/api/v1/routing/{tenant}/agents", tenant)
                .then().statusCode(200).body("[0].active", equalTo(false)).body("[0].conversations.size()", equalTo(0)));
    }

    @Test
    void withoutABotTheFirstCustomerMessageIsRouted() {
        withToken(admin()).contentType("application/json").body("{\"botEnabled\": false}")
                .put("/api/v1/routing/{tenant}/settings", tenant).then().statusCode(202);
        agent("ana", 1);
        awaitOnline(1);
        await().atMost(TIMEOUT).untilAsserted(() -> withToken(agentOf(tenant)).get("/api/v1/routing/{tenant}/settings",
                tenant).then().statusCode(200).body("botEnabled", equalTo(false)));

        TopicMark before = probe.mark(Topics.CONVERSATION_EVENTS);
        append(Topics.CONVERSATION_EVENTS, "whatsapp:1:n1", new MessageReceived(Channel.WHATSAPP, "1", "wamid.1",
                new Contact("u", "U", null), Content.text("hello?"), null, null, null, Instant.now()));

        assertThat(decisions(before, 1)).extracting(Event::subject, Event::data)
                .containsExactly(tuple("whatsapp:1:n1", new Assigned("ana", "triage", null, "balanced")));
    }

    @Test
    void theAdminApiAnswersOnlyTokensOfItsTenantAndOnlyAdminsWrite() {
        agent("ana", 1);
        awaitOnline(1);
        String rules = "{\"triageTeam\": \"triage\", \"rules\": []}";

        given().get("/api/v1/routing/{tenant}/rules", tenant).then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        given().contentType("application/json").body(rules).put("/api/v1/routing/{tenant}/rules", tenant)
                .then().statusCode(401);
        withToken(DevTokens.issue("other-" + tenant, "eve", true)).get("/api/v1/routing/{tenant}/agents", tenant)
                .then().statusCode(404).contentType("application/problem+json")
                .body("problems[0]", equalTo("routing knows no tenant '" + tenant + "': it has no routing facts yet"));
        withToken(DevTokens.issue("other-" + tenant, "eve", true)).contentType("application/json").body(rules)
                .put("/api/v1/routing/{tenant}/rules", tenant).then().statusCode(404);
        withToken(agentOf(tenant)).contentType("application/json").body(rules)
                .put("/api/v1/routing/{tenant}/rules", tenant).then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403));
        withToken(agentOf(tenant)).get("/api/v1/routing/{tenant}/agents", tenant).then().statusCode(200)
                .body("[0].id", equalTo("ana"));
    }

    @Test
    void aTokenTheJwtLayerRefusesIsA401ProblemAmongThemOneForAnotherAudience() {
        String forAnotherAudience = DevTokens.signedClaims(claims("\"billing-api\"", 600));
        String withoutAudience = DevTokens.signedClaims(claims(null, 600));
        String expired = DevTokens.signedClaims(claims("\"" + DevTokens.AUDIENCE + "\"", -600));
        String valid = agentOf(tenant);
        String otherSignature = DevTokens.signedClaims(claims("\"" + DevTokens.AUDIENCE + "\"", 601));
        String badSignature = valid.substring(0, valid.lastIndexOf('.'))
                + otherSignature.substring(otherSignature.lastIndexOf('.'));

        for (String refused : List.of(forAnotherAudience, withoutAudience, expired, badSignature)) {
            withToken(refused).get("/api/v1/routing/{tenant}/agents", tenant).then().statusCode(401)
                    .contentType("application/problem+json").header("WWW-Authenticate", startsWith("Bearer"))
                    .body("status", equalTo(401)).body("problems[0]", containsString("not accepted"));
        }
        withToken(valid).get("/api/v1/routing/{tenant}/agents", tenant).then().statusCode(not(401));
    }

    /** An agent token's claims for this tenant, with {@code audience} (JSON, or no claim) and its expiry from now. */
    private String claims(String audience, long expiresInSeconds) {
        return "{\"iss\":\"" + DevTokens.ISSUER + "\",\"sub\":\"ana\",\"upn\":\"ana\",\"tenant\":\"" + tenant
                + "\",\"groups\":[\"agent\"]," + (audience == null ? "" : "\"aud\":" + audience + ",")
                + "\"exp\":" + Instant.now().plusSeconds(expiresInSeconds).getEpochSecond() + "}";
    }

    @Test
    void teamsAndAgentsAreNoLongerConfiguredThroughRouting() {
        agent("ana", 1);
        awaitOnline(1);

        withToken(admin()).contentType("application/json").body("{\"strategy\":\"round-robin\"}")
                .put("/api/v1/routing/{tenant}/teams/vip", tenant).then().statusCode(404);
        withToken(admin()).contentType("application/json").body("{\"*\": 3}")
                .put("/api/v1/routing/{tenant}/agents/ana/capacity", tenant).then().statusCode(404);
    }

    /**
     * Waits until the agents are online in the work topic (as the read replica shows), so that whichever decider owns
     * the tenant reads them before anything appended afterwards.
     */
    private void awaitOnline(int agents) {
        await().atMost(TIMEOUT).until(() -> workers.read(tenant,
                r -> r.roster().all().stream().filter(Agent::isAvailable).count()).orElse(0L) == agents);
    }

    private String admin() {
        return DevTokens.issue(tenant, "boss", true);
    }

    private static String agentOf(String tenant) {
        return DevTokens.issue(tenant, "ana", false);
    }

    private void agent(String agentId, int capacity) {
        append(Topics.AGENT_EVENTS, agentId, new ProfileUpdated(agentId, agentId, List.of("triage"), List.of(),
                List.of(), Map.of("*", capacity)));
        append(Topics.AGENT_EVENTS, agentId, new PresenceChanged(agentId, Presence.ONLINE));
    }

    private void handoff(String conversationId) {
        append(Topics.CONVERSATION_EVENTS, conversationId,
                new HandoffRequested("asked-for-human", null, null, List.of()));
    }

    private void append(String topic, String key, EventData data) {
        Event event = new Event(UUID.randomUUID().toString(), "/test", key, Instant.now(), tenant, null, data);
        probe.append(topic, key, EventCodec.encode(event));
    }

    private List<Event> decisions(TopicMark from, int count) {
        return probe.await(from, count, record -> decoded(record).filter(e -> tenant.equals(e.tenant())
                        && TenantRouter.SOURCE.equals(e.source())).isPresent(), TIMEOUT)
                .stream().map(record -> decoded(record).orElseThrow()).toList();
    }

    private static Optional<Event> decoded(ConsumerRecord<String, byte[]> record) {
        return EventCodec.decode(record.value());
    }
}
