package io.parley.routing.bench;

import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.EventData;
import io.parley.events.agent.AgentEvent.Presence;
import io.parley.events.agent.AgentEvent.PresenceChanged;
import io.parley.events.agent.AgentEvent.ProfileUpdated;
import io.parley.events.conversation.ConversationEvent.Assigned;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.StatusChanged;
import io.parley.events.conversation.ConversationStatus;
import io.parley.events.ids.ConversationId;
import io.parley.routing.decider.Fact;
import io.parley.routing.decider.TenantRouter;
import io.parley.routing.rules.RuleBook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * Drives the real decider ({@link TenantRouter}) with a full house: every agent at capacity and a long waiting queue.
 * It warms the JIT up with as many decisions as it then times one by one: a conversation solved (its agent takes the
 * next waiting one), a new handoff (queued), and now and then an agent going offline (conversations re-queued) or
 * back online (queue drained). Single-threaded, as the decider of a tenant is.
 */
public final class RoutingBenchmark {

    private static final String TENANT = "bench";
    private static final int TEAMS = 20;
    private static final List<String> SKILLS = List.of("billing", "tech", "sales", "returns", "vip", "api", "mobile",
            "fraud");
    private static final List<String> LANGUAGES = List.of("en", "es", "de", "fr", "pt");
    private static final int CAPACITY = 3;

    private final Random random = new Random(42);
    private final TenantRouter router = new TenantRouter(TENANT);
    private final List<String> assigned = new ArrayList<>();
    private Instant clock = Instant.parse("2026-11-22T08:00:00Z");
    private long conversations;

    private RoutingBenchmark() {
    }

    /** Runs the benchmark and returns its summary line. */
    public static String run(int agents, int queued, int decisions) {
        return new RoutingBenchmark().measure(agents, queued, decisions);
    }

    private String measure(int agents, int queued, int decisions) {
        fillUp(agents, queued);
        for (int i = 0; i < decisions; i++) {
            remember(router.apply(nextFact(i, agents)));
        }
        levelQueue(queued);
        int queuedAtStart = router.queues().size();
        Histogram nanos = new Histogram(3);
        for (int i = 0; i < decisions; i++) {
            Fact fact = nextFact(i, agents);
            long start = System.nanoTime();
            List<Event> events = router.apply(fact);
            nanos.recordValue(System.nanoTime() - start);
            remember(events);
        }
        return String.format(Locale.ROOT, "p50_ms=%.2f p99_ms=%.2f agents=%d queued=%d decisions=%d",
                nanos.getValueAtPercentile(50) / 1e6, nanos.getValueAtPercentile(99) / 1e6, agents, queuedAtStart,
                nanos.getTotalCount());
    }

    /** Every agent online and at capacity, and {@code queued} conversations waiting. */
    private void fillUp(int agents, int queued) {
        router.apply(new Fact.RulesReplaced(UUID.randomUUID().toString(), tick(), TENANT,
                new RuleBook(List.of(), "team-0")));
        for (int i = 0; i < agents; i++) {
            String agentId = "agent-" + i;
            List<String> teams = List.of("team-" + (i % TEAMS), "team-" + random.nextInt(TEAMS));
            List<String> skills = List.of(pick(SKILLS), pick(SKILLS), pick(SKILLS));
            List<String> languages = List.of("en", pick(LANGUAGES));
            router.apply(logged(agentId, new ProfileUpdated(agentId, agentId, teams, skills, languages,
                    Map.of("*", CAPACITY))));
            router.apply(logged(agentId, new PresenceChanged(agentId, Presence.ONLINE)));
        }
        while (router.queues().size() < queued) {
            remember(router.apply(handoff()));
        }
    }

    /** Warming up moved the queue a little; bring it back to the size the figures claim. */
    private void levelQueue(int queued) {
        while (router.queues().size() < queued) {
            remember(router.apply(handoff()));
        }
        while (router.queues().size() > queued) {
            String waiting = router.queues().all().values().stream().filter(queue -> queue.size() > 0).findFirst()
                    .orElseThrow().head(1).get(0).conversationId();
            router.apply(logged(waiting, new StatusChanged(ConversationStatus.CLOSED, null, null)));
        }
    }

    private Fact nextFact(int i, int agents) {
        if (i % 50 == 49) {
            String agentId = "agent-" + random.nextInt(agents);
            Presence presence = router.roster().find(agentId).orElseThrow().isAvailable() ? Presence.OFFLINE
                    : Presence.ONLINE;
            return logged(agentId, new PresenceChanged(agentId, presence));
        }
        if (i % 2 == 0 && !assigned.isEmpty()) {
            String conversationId = assigned.remove(random.nextInt(assigned.size()));
            return logged(conversationId, new StatusChanged(ConversationStatus.SOLVED, null, null));
        }
        return handoff();
    }

    private Fact handoff() {
        String conversationId = ConversationId.whatsapp("bench", "c" + conversations++).toString();
        List<String> skills = random.nextBoolean() ? List.of() : List.of(pick(SKILLS));
        return logged(conversationId, new HandoffRequested("asked-for-human", null, pick(LANGUAGES), skills));
    }

    private void remember(List<Event> events) {
        for (Event event : events) {
            if (event.data() instanceof Assigned) {
                assigned.add(event.subject());
            }
        }
    }

    private Fact logged(String subject, EventData data) {
        return new Fact.Logged(new Event(UUID.randomUUID().toString(), "/bench", subject, tick(), TENANT, null, data));
    }

    private Instant tick() {
        clock = clock.plusMillis(100);
        return clock;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
