package io.parley.routing.decider;

import static io.parley.events.agent.AgentEvent.Presence.ONLINE;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.Event;
import io.parley.routing.rules.RuleBook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A router restored from a snapshot of its state decides every later fact exactly as the router that folded all the
 * facts from the first: the same events (ids, times, content) and the same state at the end, wherever the snapshot is
 * taken.
 */
class TenantRouterSnapshotTest {

    @Test
    void aRouterRestoredFromASnapshotDecidesEveryLaterFactAsTheFullReplayDoes() {
        List<Fact> facts = FactLog.aBusyDay();
        TenantRouter replayed = new TenantRouter(FactLog.TENANT);
        List<List<Event>> replayedDecisions = new ArrayList<>();
        facts.forEach(fact -> replayedDecisions.add(replayed.apply(fact)));
        assertThat(replayedDecisions.stream().mapToInt(List::size).sum()).as("the day decides things").isGreaterThan(10);

        for (int cut = 0; cut <= facts.size(); cut++) {
            TenantRouter beforeCut = new TenantRouter(FactLog.TENANT);
            facts.subList(0, cut).forEach(beforeCut::apply);
            TenantRouter restored = TenantRouter.restore(beforeCut.state());
            assertThat(restored.state()).as("restored at fact %d", cut).isEqualTo(beforeCut.state());

            for (int i = cut; i < facts.size(); i++) {
                assertThat(restored.apply(facts.get(i))).as("fact %d after a snapshot at %d", i, cut)
                        .isEqualTo(replayedDecisions.get(i));
            }
            assertThat(restored.state()).as("the state at the end, snapshot at %d", cut).isEqualTo(replayed.state());
        }
    }

    @Test
    void aFactAppliedBeforeTheSnapshotIsStillIgnoredAfterIt() {
        FactLog log = new FactLog();
        log.rules(new RuleBook(List.of(), "support"));
        log.profile("ana", List.of("support"), List.of(), List.of("en"), 1);
        log.presence("ana", ONLINE);
        Fact handoff = log.handoff("whatsapp:1:c1", "en");
        TenantRouter router = new TenantRouter(FactLog.TENANT);
        log.all().forEach(router::apply);

        TenantRouter restored = TenantRouter.restore(router.state());

        assertThat(restored.apply(handoff)).isEmpty();
        assertThat(restored.assigneeOf("whatsapp:1:c1")).contains("ana");
        assertThat(restored.figures(Instant.parse("2026-11-23T00:00:00Z")))
                .isEqualTo(router.figures(Instant.parse("2026-11-23T00:00:00Z")));
    }
}
