package io.parley.bot.kb;

import static io.parley.testkit.auth.AgentApi.asAdmin;
import static io.parley.testkit.auth.AgentApi.asAgent;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.parley.bot.BotChannels;
import io.parley.events.Topics;
import io.parley.events.kafka.DeadLetterHeaders;
import io.parley.testkit.kafka.KafkaTestResource;
import io.parley.testkit.kafka.SharedKafka;
import io.parley.testkit.kafka.TopicMark;
import io.parley.testkit.kafka.TopicProbe;
import io.parley.testkit.postgres.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class KbResourceIT {

    private static final String ARTICLE = """
            {"id": "refund", "questions": {"en": ["Can I get a refund?", "I want my money back"]},
             "answers": {"en": "Yes, within 30 days."}, "tags": ["billing"]}""";

    private static final String FLOW = """
            id: greeting
            triggers: {en: ["say hello"]}
            start: hello
            steps:
              hello: {type: message, text: "Hello!", next: done}
              done: {type: end}
            """;

    private final String tenant = "t-" + UUID.randomUUID();

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> dbPassword;

    @Test
    void articles_are_created_read_replaced_and_deleted_per_tenant_and_each_change_retrains() {
        asAdmin(tenant, "admin-1").contentType("application/json").body(ARTICLE)
                .post("/api/v1/kb/articles").then().statusCode(201);
        asAdmin(tenant, "admin-1").contentType("application/json").body(ARTICLE)
                .post("/api/v1/kb/articles").then().statusCode(409);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> status().body("articles", equalTo(1)));

        asAdmin(tenant, "admin-1").contentType("application/json")
                .body(ARTICLE.replace("within 30 days", "within 60 days"))
                .put("/api/v1/kb/articles/refund").then().statusCode(200);
        asAdmin(tenant, "admin-1").get("/api/v1/kb/articles/refund")
                .then().statusCode(200).body("answers.en", equalTo("Yes, within 60 days."));
        asAdmin(tenant, "admin-1").delete("/api/v1/kb/articles/refund").then().statusCode(204);
        asAdmin(tenant, "admin-1").get("/api/v1/kb/articles/refund").then().statusCode(404);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> status().body("articles", equalTo(0)));
    }

    @Test
    void imports_read_csv_and_markdown_and_bad_input_is_a_400_that_says_what_to_fix() {
        asAdmin(tenant, "admin-1").contentType("text/csv")
                .body("id,language,question,answer,tags\nhours,en,When are you open?,9-17,\n")
                .post("/api/v1/kb/import").then().statusCode(200).body("ids", hasItem("hours"));
        asAdmin(tenant, "admin-1").queryParam("format", "markdown").contentType("text/plain")
                .body("## returns\n### en\nQ: How do I return an item?\nA: Within 30 days.\n")
                .post("/api/v1/kb/import").then().statusCode(200).body("imported", equalTo(1));
        asAdmin(tenant, "admin-1").get("/api/v1/kb/articles").then().body("$", hasSize(2));

        asAdmin(tenant, "admin-1").contentType("text/csv").body("id,language,question,answer,tags\nx,en,Q?,,\n")
                .post("/api/v1/kb/import").then().statusCode(400)
                .body("problems[0]", containsString("needs an answer"));
        asAdmin(tenant, "admin-1").contentType("application/json").body("[{\"id\": ")
                .post("/api/v1/kb/import").then().statusCode(400).body("problems[0]", containsString("JSON import"));
        asAdmin(tenant, "admin-1").contentType("application/yaml")
                .body("id: broken\nstart: nowhere\nsteps: {}\n".getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/flows/broken").then().statusCode(400).body("problems", hasItem(containsString("nowhere")));
    }

    @Test
    void business_hours_stored_by_an_earlier_version_are_ignored_and_the_tenants_bot_still_builds() throws Exception {
        // Before the workspace, the bot kept hours as documents of kind BUSINESS_HOURS; such rows stay in old databases.
        try (Connection db = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword.orElse(""));
             PreparedStatement insert = db.prepareStatement("insert into tenant_document (tenant, kind, name, body,"
                     + " updated_at) values (?, 'BUSINESS_HOURS', 'default', ?, now())")) {
            insert.setString(1, tenant);
            insert.setString(2, "{\"timeZone\": \"Europe/Berlin\", \"weekly\": {}}");
            insert.executeUpdate();
        }
        asAdmin(tenant, "admin-1").contentType("application/json").body(ARTICLE)
                .post("/api/v1/kb/articles").then().statusCode(201);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> status().body("articles", equalTo(1)));
        asAdmin(tenant, "admin-1").get("/api/v1/business-hours/default").then().statusCode(404);
    }

    @Test
    void a_flow_is_defined_in_json_as_well_as_yaml() {
        asAdmin(tenant, "admin-1").contentType("application/json").body("""
                        {"id": "greeting", "triggers": {"en": ["say hello"]}, "start": "hello",
                         "steps": {"hello": {"type": "message", "text": "Hello!", "next": "done"},
                                   "done": {"type": "end"}}}""")
                .put("/api/v1/flows/greeting").then().statusCode(200);

        asAdmin(tenant, "admin-1").get("/api/v1/flows/greeting").then().statusCode(200)
                .body("start", equalTo("hello")).body("steps.hello.text", equalTo("Hello!"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> status().body("flows", hasItem("greeting")));
    }

    @Test
    void only_a_tenants_own_token_reads_its_documents_and_only_an_admin_changes_them() {
        asAdmin(tenant, "admin-1").contentType("application/json").body(ARTICLE).post("/api/v1/kb/articles")
                .then().statusCode(201);
        asAdmin(tenant, "admin-1").contentType("application/yaml").body(FLOW.getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/flows/greeting").then().statusCode(200);

        given().get("/api/v1/kb/articles").then().statusCode(401);
        given().contentType("application/json").body(ARTICLE).post("/api/v1/kb/articles").then().statusCode(401);

        asAgent(tenant, "agent-1").get("/api/v1/kb/articles/refund").then().statusCode(200);
        asAgent(tenant, "agent-1").get("/api/v1/flows/greeting").then().statusCode(200);
        asAgent(tenant, "agent-1").contentType("application/json").body(ARTICLE).put("/api/v1/kb/articles/refund")
                .then().statusCode(403);
        asAgent(tenant, "agent-1").delete("/api/v1/flows/greeting").then().statusCode(403);

        String other = "other-" + tenant;
        asAdmin(other, "admin-1").get("/api/v1/kb/articles/refund").then().statusCode(404);
        asAdmin(other, "admin-1").get("/api/v1/kb/articles").then().statusCode(200).body("$", hasSize(0));
        asAdmin(other, "admin-1").delete("/api/v1/kb/articles/refund").then().statusCode(404);
        asAdmin(other, "admin-1").get("/api/v1/flows/greeting").then().statusCode(404);
        asAdmin(other, "admin-1").get("/api/v1/flows").then().statusCode(200).body("$", hasSize(0));
        asAgent(tenant, "agent-1").get("/api/v1/kb/articles/refund").then().statusCode(200);
    }

    @Test
    void a_change_announced_by_another_instance_retrains_this_one() {
        asAdmin(tenant, "admin-1").contentType("application/json").body(ARTICLE)
                .post("/api/v1/kb/articles").then().statusCode(201);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> status().body("articles", equalTo(1))
                .body("refreshing", equalTo(false)));
        int generation = status().extract().path("generation");

        try (TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers())) {
            probe.append(BotChannels.TENANT_CHANGES_TOPIC, tenant,
                    UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> status().body("generation", greaterThan(generation)));
    }

    @Test
    void a_record_that_is_not_an_event_goes_to_the_bots_dead_letter_topic() {
        String deadLetters = Topics.deadLetter(Topics.CONVERSATION_EVENTS, "bot");
        SharedKafka.broker().createTopics(Map.of(deadLetters, 1));
        try (TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers())) {
            TopicMark mark = probe.mark(deadLetters);
            String key = "poison-" + UUID.randomUUID();
            probe.append(Topics.CONVERSATION_EVENTS, key, "{not json".getBytes(StandardCharsets.UTF_8));
            var parked = probe.await(mark, 1, TopicProbe.keyIs(key), Duration.ofSeconds(60)).get(0);
            assertThat(new String(parked.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8))
                    .contains("not JSON");
        }
    }

    private io.restassured.response.ValidatableResponse status() {
        return asAdmin(tenant, "admin-1").get("/api/v1/kb/status").then().statusCode(200);
    }
}
