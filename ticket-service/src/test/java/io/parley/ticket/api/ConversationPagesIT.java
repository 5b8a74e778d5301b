package io.parley.ticket.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.parley.testkit.auth.AgentApi;
import io.parley.testkit.kafka.KafkaTestResource;
import io.parley.testkit.postgres.PostgresTestResource;
import io.parley.ticket.support.ControlledClock;
import io.parley.ticket.support.Events;
import io.parley.ticket.support.Log;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ConversationPagesIT {

    private static final String TENANT = "pages-co";
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @Inject
    ControlledClock clock;

    @Test
    void a_long_list_is_read_page_by_page_and_a_row_leaving_it_meanwhile_skips_nothing() {
        Instant start = clock.instant();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = Events.whatsappConversation();
            ids.add(id);
            // Two share a time, so the pages must break the tie by id.
            Log.append(Events.customerMessage(id, TENANT, "hello " + i, start.plusSeconds(i == 4 ? 3 : i)));
        }
        // The first test of a fresh service: its projection's consumer group may still be joining.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> AgentApi.asAgent(TENANT, "ann")
                .get("/api/v1/conversations?assignee=none&limit=200").then().body("size()", equalTo(5)));
        List<String> whole = AgentApi.asAgent(TENANT, "ann").get("/api/v1/conversations?assignee=none&limit=200").then()
                .extract().path("id");

        Response first = AgentApi.asAgent(TENANT, "ann").get("/api/v1/conversations?assignee=none&limit=2");
        List<String> read = new ArrayList<>(first.path("id"));
        // Someone takes a conversation of the first page before the second is read: nothing after it moves up unseen.
        AgentApi.asAgent(TENANT, "ann").body(Map.of("agentId", "ann")).post("/api/v1/conversations/{id}/assign", read.get(0))
                .then().statusCode(200);
        await().untilAsserted(() -> AgentApi.asAgent(TENANT, "ann").get("/api/v1/conversations?assignee=none&limit=200").then()
                .body("size()", equalTo(4)));
        String next = next(first);
        int pages = 1;
        while (next != null) {
            Response page = AgentApi.asAgent(TENANT, "ann").get(next);
            page.then().statusCode(200);
            read.addAll(page.path("id"));
            next = next(page);
            pages++;
        }
        assertThat(read).containsExactlyElementsOf(whole);
        assertThat(pages).isEqualTo(3);

        AgentApi.asAgent(TENANT, "ann").get("/api/v1/conversations?cursor=not-one").then().statusCode(400)
                .body("error", containsString("Link rel=\"next\""));
    }

    private static String next(Response page) {
        String link = page.header("Link");
        if (link == null) {
            return null;
        }
        Matcher matcher = NEXT.matcher(link);
        assertThat(matcher.find()).as(link).isTrue();
        return matcher.group(1);
    }
}
