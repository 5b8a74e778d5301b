package io.parley.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.analytics.figures.TestEvents;
import io.parley.events.Event;
import io.parley.events.Topics;
import io.parley.events.envelope.EventCodec;
import io.parley.testkit.kafka.KafkaTestResource;
import io.parley.testkit.kafka.SharedKafka;
import io.parley.testkit.kafka.TopicProbe;
import io.parley.testkit.postgres.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every query of the Grafana dashboards in deploy/grafana names a metric analytics really exposes: the real
 * {@code /q/metrics} is scraped after a conversation has been folded and a poison record parked, so the labelled
 * families exist. All dashboard
 * metrics come from analytics (it reads every consumer group's lag with an AdminClient); other services' metrics are
 * not used by these dashboards.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class GrafanaDashboardsIT {

    private static final Path DASHBOARDS = Path.of("../deploy/grafana/dashboards");
    /** A metric name in PromQL: an identifier not followed by "(" (a function) and not a label or keyword. */
    private static final Pattern IDENTIFIER = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(?!\\s*\\()");
    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "offset", "bool", "and", "or", "unless", "le");

    @Test
    void every_dashboard_query_names_a_metric_analytics_exposes() throws IOException {
        foldAHandledConversation();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(exposed())
                .contains("parley_first_response_seconds_bucket", "parley_resolution_seconds_bucket",
                        "parley_conversations_live",
                        "parley_kafka_consumergroup_lag", "parley_analytics_projection_lag_records",
                        "parley_dead_letters_total"));
        Set<String> exposed = exposed();

        List<String> queried = queriedMetrics();

        assertThat(queried).isNotEmpty();
        assertThat(exposed).containsAll(queried);
    }

    private static void foldAHandledConversation() {
        TestEvents events = new TestEvents("tenant-" + UUID.randomUUID());
        String conversation = TestEvents.conversation(UUID.randomUUID().toString());
        String waiting = TestEvents.conversation(UUID.randomUUID().toString());
        Instant start = Instant.now().minusSeconds(600);
        SharedKafka.broker().createTopics(Map.of(Topics.deadLetter(Topics.CONVERSATION_EVENTS, "analytics"), 1));
        try (TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers())) {
            // a record that is not an event: the tally parks it, so the dead-letter counter's family exists
            probe.append(Topics.CONVERSATION_EVENTS, "poison-" + UUID.randomUUID(),
                    "{not json".getBytes(StandardCharsets.UTF_8));
            for (Event event : List.of(events.customer(conversation, start, "hello"),
                    events.queued(conversation, start.plusSeconds(1), "support"),
                    events.agentReply(conversation, start.plusSeconds(30), "agent-1"),
                    events.status(conversation, start.plusSeconds(60),
                            io.parley.events.conversation.ConversationStatus.SOLVED),
                    events.customer(waiting, start, "anyone there?"),
                    events.queued(waiting, start.plusSeconds(1), "support"))) {
                probe.append(Topics.CONVERSATION_EVENTS, event.subject(), EventCodec.encode(event));
            }
        }
    }

    private static Set<String> exposed() {
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return scrape.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> queriedMetrics() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> metrics = new ArrayList<>();
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                List<String> expressions = new ArrayList<>();
                collect(json.readTree(file.toFile()), expressions);
                expressions.forEach(expression -> metrics.addAll(metricsIn(expression)));
            }
        }
        return metrics;
    }

    private static void collect(JsonNode node, List<String> expressions) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if ((field.getKey().equals("expr") || field.getKey().equals("query")) && field.getValue().isTextual()) {
                    expressions.add(field.getValue().asText());
                } else {
                    collect(field.getValue(), expressions);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, expressions));
        }
    }

    static List<String> metricsIn(String expression) {
        String withoutLabels = expression.replaceAll("\\{[^}]*}", "").replaceAll("\\[[^]]*]", "")
                .replaceAll("by \\([^)]*\\)", "").replaceAll("\"[^\"]*\"", "")
                .replaceAll("label_values\\(([a-zA-Z_:][a-zA-Z0-9_:]*),[^)]*\\)", "$1");
        List<String> names = new ArrayList<>();
        Matcher matcher = IDENTIFIER.matcher(withoutLabels);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!PROMQL_WORDS.contains(name) && !name.matches("\\d.*")) {
                names.add(name);
            }
        }
        return names;
    }
}
