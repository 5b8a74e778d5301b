package io.parley.bot.conversation;

import static io.parley.testkit.auth.AgentApi.asAdmin;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.parley.events.Event;
import io.parley.events.EventData;
import io.parley.events.Topics;
import io.parley.events.envelope.EventCodec;
import io.parley.events.hours.BusinessHours;
import io.parley.events.hours.BusinessHours.Period;
import io.parley.events.workspace.WorkspaceEvent.HoursSet;
import io.parley.testkit.kafka.TopicProbe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sets a tenant's bot up through the admin API (wherever RestAssured points) and waits until it is trained: the
 * test knowledge base, the example order-tracking flow. Business hours are not the bot's to administer: they are
 * appended to workspace-events as the workspace admin API (ticket-service) writes them.
 */
final class TenantSetup {

    private static final Duration TRAINING = Duration.ofSeconds(60);

    private TenantSetup() {
    }

    /** The four multilingual articles of {@code kb/multilingual.json}. */
    static void knowledgeBase(String tenant) {
        asAdmin(tenant, "admin-1").contentType("application/json").body(resource("/kb/multilingual.json"))
                .post("/api/v1/kb/import").then().statusCode(200).body("imported", equalTo(4));
        await().atMost(TRAINING).untilAsserted(() -> asAdmin(tenant, "admin-1")
                .get("/api/v1/kb/status").then().body("articles", equalTo(4)).body("refreshing", equalTo(false)));
    }

    /** The example flow {@code flows/order-tracking.yaml}, its HTTP step calling the shop. */
    static void orderTrackingFlow(String tenant, FakeShop shop) {
        String flow = resource("/flows/order-tracking.yaml").replace("https://shop.example.com", shop.baseUrl());
        asAdmin(tenant, "admin-1").contentType("application/yaml").body(flow.getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/flows/order-tracking").then().statusCode(200);
        await().atMost(TRAINING).untilAsserted(() -> asAdmin(tenant, "admin-1")
                .get("/api/v1/kb/status").then().body("flows", hasItem("order-tracking"))
                .body("refreshing", equalTo(false)));
    }

    /** What the workspace admin API appends when an admin sets a calendar's hours: HoursSet keyed by tenant. */
    static void businessHours(TopicProbe probe, String tenant, String calendar, BusinessHours hours) {
        appendToWorkspace(probe, tenant, new HoursSet(calendar, hours, "admin-1"));
    }

    /** Another workspace change as the admin API writes it (a team saved, hours cleared). */
    static void appendToWorkspace(TopicProbe probe, String tenant, EventData change) {
        Event event = new Event(UUID.randomUUID().toString(), "/ticket/admin", tenant, Instant.now(), tenant, null,
                change);
        probe.append(Topics.WORKSPACE_EVENTS, tenant, EventCodec.encode(event));
    }

    /**
     * Nine to five every day in {@code zone}, with today and tomorrow there as holidays: closed right now, whatever the
     * machine's clock and zone, and people are back at 09:00 the day after tomorrow.
     */
    static BusinessHours closedTodayAndTomorrow(ZoneId zone) {
        LocalDate today = LocalDate.now(zone);
        List<Period> nineToFive = List.of(new Period(LocalTime.of(9, 0), LocalTime.of(17, 0)));
        return new BusinessHours(zone.getId(), Arrays.stream(DayOfWeek.values())
                .collect(Collectors.toMap(Function.identity(), day -> nineToFive)), Set.of(today, today.plusDays(1)));
    }

    private static String resource(String path) {
        try (InputStream in = TenantSetup.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(path, e);
        }
    }
}
