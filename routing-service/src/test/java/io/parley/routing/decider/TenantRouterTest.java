package io.parley.routing.decider;

import static io.parley.events.agent.AgentEvent.Presence.OFFLINE;
import static io.parley.events.agent.AgentEvent.Presence.ONLINE;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent.Assigned;
import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.conversation.ConversationEvent.Queued;
import io.parley.events.conversation.ConversationStatus;
import io.parley.routing.queue.QueueEntry;
import io.parley.routing.rules.AssignmentRule;
import io.parley.routing.rules.RuleBook;
import io.parley.routing.rules.RuleCondition;
import io.parley.routing.settings.RoutingSettings;
import io.parley.routing.team.OfflinePolicy;
import io.parley.routing.team.Strategy;
import io.parley.routing.team.Team;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TenantRouterTest {

    private static final List<String> SUPPORT = List.of("support");
    private static final List<String> EN = List.of("en");

    private final FactLog log = new FactLog();
    private final TenantRouter router = new TenantRouter(FactLog.TENANT);

    @BeforeEach
    void everythingUnmatchedGoesToSupport() {
        apply(log.rules(new RuleBook(List.of(), "support")));
    }

    @Test
    void assignsToAnOnlineAgentOfTheTargetTeamWithTheSkillsAndLanguage() {
        apply(log.profile("ana", SUPPORT, List.of(), EN, 2), log.presence("ana", ONLINE));
        apply(log.profile("ben", SUPPORT, List.of("billing"), List.of("en", "de"), 2), log.presence("ben", ONLINE));
        apply(log.profile("cid", SUPPORT, List.of("billing"), List.of("de"), 2));

        List<Event> events = apply(log.handoff("whatsapp:1:c1", "de-AT", "billing"));

        assertThat(assigned(events)).containsExactly("whatsapp:1:c1->ben");
        assertThat(events.get(0).data()).isEqualTo(new Assigned("ben", "support", null, "balanced"));
    }

    @Test
    void balancedPicksLowestLoadRelativeToCapacityThenLongestSinceLastAssignment() {
        apply(log.profile("ana", SUPPORT, List.of(), EN, 4), log.presence("ana", ONLINE));
        apply(log.profile("ben", SUPPORT, List.of(), EN, 2), log.presence("ben", ONLINE));

        List<String> order = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            order.addAll(assigned(apply(log.handoff("whatsapp:1:c" + i, "en"))));
        }

        // c1: 0/4 = 0/2, nobody assigned yet, so by id; c4: 2/4 = 1/2 and ben waited longer
        assertThat(order).containsExactly("whatsapp:1:c1->ana", "whatsapp:1:c2->ben", "whatsapp:1:c3->ana",
                "whatsapp:1:c4->ben", "whatsapp:1:c5->ana", "whatsapp:1:c6->ana");
    }

    @Test
    void roundRobinTakesTurnsAndSkipsWhoeverCannotTakeTheConversation() {
        apply(log.teamSaved("support", "round-robin", "requeue"));
        apply(log.profile("ana", SUPPORT, List.of(), EN, 10), log.presence("ana", ONLINE));
        apply(log.profile("ben", SUPPORT, List.of(), List.of("fr"), 10), log.presence("ben", ONLINE));
        apply(log.profile("cid", SUPPORT, List.of(), EN, 10), log.presence("cid", ONLINE));

        List<String> order = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            order.addAll(assigned(apply(log.handoff("whatsapp:1:c" + i, "en"))));
        }

        assertThat(order).containsExactly("whatsapp:1:c1->ana", "whatsapp:1:c2->cid", "whatsapp:1:c3->ana",
                "whatsapp:1:c4->cid", "whatsapp:1:c5->ana");
    }

    @Test
    void queuesByPriorityWithPositionsWhenNobodyFits() {
        apply(log.rules(new RuleBook(List.of(new AssignmentRule("vip", new RuleCondition(List.of("urgent"), null,
                null, null, null, null, null, null, null, null), "support", Priority.URGENT, null)), "support")));
        apply(log.profile("ana", SUPPORT, List.of(), EN, 0), log.presence("ana", ONLINE));

        assertThat(apply(log.handoff("whatsapp:1:c1", "en")))
                .extracting(Event::data).containsExactly(new Queued("support", Priority.NORMAL, 1));
        assertThat(apply(log.handoff("whatsapp:1:c2", "en")))
                .extracting(Event::data).containsExactly(new Queued("support", Priority.NORMAL, 2));
        apply(log.message("whatsapp:1:c3", "This is URGENT!", null));

        List<Event> urgent = apply(log.handoff("whatsapp:1:c3", "en"));

        assertThat(queued(urgent)).containsExactlyInAnyOrder("whatsapp:1:c3@1", "whatsapp:1:c1@2", "whatsapp:1:c2@3");
    }

    @Test
    void solvedConversationFreesCapacityForTheHeadOfTheQueueAndPositionsMove() {
        apply(log.profile("ana", SUPPORT, List.of(), EN, 1), log.presence("ana", ONLINE));
        apply(log.handoff("whatsapp:1:c1", "en"), log.handoff("whatsapp:1:c2", "en"), log.handoff("whatsapp:1:c3", "en"));

        List<Event> events = apply(log.status("whatsapp:1:c1", ConversationStatus.SOLVED));

        assertThat(assigned(events)).containsExactly("whatsapp:1:c2->ana");
        assertThat(queued(events)).containsExactly("whatsapp:1:c3@1");
    }

    @Test
    void closedConversationFreesCapacity() {
        apply(log.profile("ana", SUPPORT, List.of(), EN, 1), log.presence("ana", ONLINE));
        apply(log.handoff("whatsapp:1:c1", "en"), log.handoff("whatsapp:1:c2", "en"));

        assertThat(assigned(apply(log.status("whatsapp:1:c1", ConversationStatus.CLOSED))))
                .containsExactly("whatsapp:1:c2->ana");
    }

    @Test
    void agentComingOnlineTakesTheWaitingConversationsTheyFit() {
        apply(log.profile("ana", SUPPORT, List.of("billing"), EN, 2));
        apply(log.handoff("whatsapp:1:c1", "en", "billing"), log.handoff("whatsapp:1:c2", "fr"),
                log.handoff("whatsapp:1:c3", "en"), log.handoff("whatsapp:1:c4", "en"));

        List<Event> events = apply(log.presence("ana", ONLINE));

        assertThat(assigned(events)).containsExactly("whatsapp:1:c1->ana", "whatsapp:1:c3->ana");
        assertThat(queued(events)).containsExactly("whatsapp:1:c2@1", "whatsapp:1:c4@2");
    }

    @Test
    void raisedCapacityDrainsTheQueue() {
        apply(log.profile("ana", SUPPORT, List.of(), EN, 1), log.presence("ana", ONLINE));
        apply(log.handoff("whatsapp:1:c1", "en"), log.handoff("whatsapp:1:c2", "en"), log.handoff("whatsapp:1:c3", "en"));

        List<Event> events = apply(log.profile("ana", SUPPORT, List.of(), EN, Map.of("whatsapp", 3)));

        assertThat(assigned(events)).containsExactly("whatsapp:1:c2->ana", "whatsapp:1:c3->ana");
        assertThat(router.queues().size()).isZero();
    }

    @Test
    void capacityIsPerChannel() {
        apply(log.profile("ana", SUPPORT, List.of(), EN, Map.of("messenger", 5)), log.presence("ana", ONLINE));

        assertThat(assigned(apply(log.handoff("whatsapp:1:c1", "en")))).isEmpty();
        assertThat(assigned(apply(log.handoff("messenger:1:c2", "en")))).containsExactly("messenger:1:c2->ana");
    }

    @Test
    void offlineAgentsConversationsAreRequeuedOrKeptPerTeamPolicy() {
        apply(log.teamSaved("vip", "balanced", "keep"));
        apply(log.rules(new RuleBook(List.of(new AssignmentRule("vip", new RuleCondition(List.of("vip"), null, null,
                null, null, null, null, null, null, null), "vip", null, null)), "support")));
        apply(log.profile("ana", List.of("support", "vip"), List.of(), EN, 5), log.presence("ana", ONLINE));
        apply(log.profile("ben", SUPPORT, List.of(), EN, 1), log.presence("ben", ONLINE));
        apply(log.message("whatsapp:1:v", "I am VIP", null));
        apply(log.handoff("whatsapp:1:v", "en"), log.handoff("whatsapp:1:c1", "en"),
                log.handoff("whatsapp:1:c2", "en"), log.handoff("whatsapp:1:c3", "en"));
        assertThat(router.roster().find("ana").orElseThrow().conversations())
                .containsExactly("whatsapp:1:v", "whatsapp:1:c2", "whatsapp:1:c3");

        List<Event> events = apply(log.presence("ana", OFFLINE));

        assertThat(router.assigneeOf("whatsapp:1:v")).contains("ana");
        assertThat(queued(events)).containsExactly("whatsapp:1:c2@1", "whatsapp:1:c3@2");
        assertThat(router.assigneeOf("whatsapp:1:c1")).contains("ben");
    }

    @Test
    void aTeamSavedInTheWorkspaceSetsItsStrategyAndOfflinePolicy() {
        apply(log.teamSaved("support", "round-robin", "keep"));
        apply(log.profile("ana", SUPPORT, List.of(), EN, 1), log.presence("ana", ONLINE));

        List<Event> events = apply(log.handoff("whatsapp:1:c1", "en"));
        apply(log.presence("ana", OFFLINE));

        assertThat(router.teams().get("support")).isEqualTo(new Team("support", Strategy.ROUND_ROBIN,
                OfflinePolicy.KEEP));
        assertThat(events).extracting(Event::data).containsExactly(new Assigned("ana", "support", null,
                "round-robin"));
        assertThat(router.assigneeOf("whatsapp:1:c1")).as("kept while ana is offline").contains("ana");
    }

    @Test
    void aStrategyOrOfflinePolicyRoutingDoesNotKnowFallsBackToTheDefault() {
        apply(log.teamSaved("support", "round-robin", "keep"));

        apply(log.teamSaved("support", "fastest-first", "drop"));

        assertThat(router.teams().get("support")).isEqualTo(Team.withDefaults("support"));
    }

    @Test
    void aDeletedTeamRoutesByTheDefaultsAndWhatWaitsForItStaysQueued() {
        apply(log.teamSaved("support", "round-robin", "keep"));
        apply(log.profile("ana", SUPPORT, List.of(), EN, 1), log.presence("ana", ONLINE));
        apply(log.handoff("whatsapp:1:c1", "en"), log.handoff("whatsapp:1:c2", "en"));

        assertThat(apply(log.teamDeleted("support"))).isEmpty();
        assertThat(router.teams().get("support")).isEqualTo(Team.withDefaults("support"));
        assertThat(router.queues().team("support").head(10)).extracting(QueueEntry::conversationId)
                .containsExactly("whatsapp:1:c2");

        List<Event> benOnline = apply(log.profile("ben", SUPPORT, List.of(), EN, 1), log.presence("ben", ONLINE));
        List<Event> anaOffline = apply(log.presence("ana", OFFLINE));

        assertThat(benOnline).extracting(Event::data).containsExactly(new Assigned("ben", "support", null,
                "balanced"));
        assertThat(queued(anaOffline)).as("requeued: the default policy").containsExactly("whatsapp:1:c1@1");
    }

    @Test
    void aDeactivatedAgentTakesNothingNewAndWhatTheyHeldRequeuesEvenWhereTheTeamKeeps() {
        apply(log.teamSaved("vip", "balanced", "keep"));
        apply(log.rules(new RuleBook(List.of(new AssignmentRule("vip", new RuleCondition(List.of("vip"), null, null,
                null, null, null, null, null, null, null), "vip", null, null)), "support")));
        apply(log.workspaceProfile("ana", List.of("support", "vip"), 5, true), log.presence("ana", ONLINE));
        apply(log.message("whatsapp:1:v", "I am VIP", null));
        apply(log.handoff("whatsapp:1:v", "en"), log.handoff("whatsapp:1:c1", "en"));
        apply(log.workspaceProfile("ben", SUPPORT, 5, true), log.presence("ben", ONLINE));

        List<Event> deactivated = apply(log.workspaceProfile("ana", List.of("support", "vip"), 5, false));
        List<Event> announcedOnline = apply(log.presence("ana", ONLINE));
        List<Event> next = apply(log.handoff("whatsapp:1:c2", "en"));

        assertThat(assigned(deactivated)).as("support requeues").containsExactly("whatsapp:1:c1->ben");
        assertThat(queued(deactivated)).as("vip keeps for agents who come back; a deactivated one will not")
                .containsExactly("whatsapp:1:v@1");
        assertThat(router.assigneeOf("whatsapp:1:v")).isEmpty();
        assertThat(announcedOnline).isEmpty();
        assertThat(assigned(next)).containsExactly("whatsapp:1:c2->ben");
        assertThat(router.roster().onlineMembers("support")).containsOnlyKeys("ben");
        assertThat(router.roster().find("ana").orElseThrow().isActive()).isFalse();
    }

    @Test
    void aReactivatedAgentTakesConversationsAgainWithTheirRestoredProfile() {
        apply(log.workspaceProfile("ana", SUPPORT, 1, true), log.presence("ana", ONLINE));
        apply(log.workspaceProfile("ana", SUPPORT, 1, false));
        assertThat(queued(apply(log.handoff("whatsapp:1:c1", "en"), log.handoff("whatsapp:1:c2", "en"))))
                .containsExactly("whatsapp:1:c1@1", "whatsapp:1:c2@2");

        List<Event> reactivated = apply(log.workspaceProfile("ana", SUPPORT, 2, true));

        assertThat(assigned(reactivated)).containsExactly("whatsapp:1:c1->ana", "whatsapp:1:c2->ana");
        assertThat(router.roster().onlineMembers("support")).containsOnlyKeys("ana");
    }

    @Test
    void transferToATeamRoutesWithinItAndCountsAgainstRightFirstTime() {
        apply(log.profile("ana", SUPPORT, List.of(), EN, 1), log.presence("ana", ONLINE));
        apply(log.profile("bob", List.of("billing"), List.of(), EN, 1), log.presence("bob", ONLINE));
        apply(log.handoff("whatsapp:1:c1", "en"), log.handoff("whatsapp:1:c2", "en"));

        List<Event> events = apply(log.transfer("whatsapp:1:c1", null, "billing"));

        assertThat(assigned(events)).containsExactly("whatsapp:1:c2->ana", "whatsapp:1:c1->bob");
        assertThat(router.figures(log.all().get(log.all().size() - 1).time()).rightFirstTimeRate())
                .isEqualTo(0.5);
    }

    @Test
    void transferToAnAgentMovesTheLoad() {
        apply(log.profile("ana", SUPPORT, List.of(), EN, 1), log.presence("ana", ONLINE));
        apply(log.profile("bob", SUPPORT, List.of(), EN, 1), log.presence("bob", ONLINE));
        apply(log.handoff("whatsapp:1:c1", "en"), log.handoff("whatsapp:1:c2", "en"), log.handoff("whatsapp:1:c3", "en"));

        List<Event> events = apply(log.transfer("whatsapp:1:c1", "bob", null));

        assertThat(assigned(events)).containsExactly("whatsapp:1:c3->ana");
        assertThat(router.roster().find("bob").orElseThrow().conversations())
                .containsExactlyInAnyOrder("whatsapp:1:c1", "whatsapp:1:c2");
    }

    @Test
    void withoutABotTheFirstCustomerMessageIsRoutedByTheRulesAsAHandoffWouldBe() {
        apply(log.rules(new RuleBook(List.of(new AssignmentRule("refunds", new RuleCondition(List.of("refund"), null,
                List.of(Channel.WHATSAPP), null, null, null, null, null, null, List.of(TenantRouter.NO_BOT_REASON)),
                "billing", Priority.HIGH, null)), "support")));
        apply(log.profile("bob", List.of("billing"), List.of(), EN, 1), log.presence("bob", ONLINE));
        assertThat(apply(log.message("whatsapp:1:b1", "I want a refund", null))).as("the bot answers first").isEmpty();

        apply(log.settings(RoutingSettings.of(false)));
        List<Event> first = apply(log.message("whatsapp:1:c1", "I want a REFUND", null));
        List<Event> later = apply(log.message("whatsapp:1:c1", "hello?", null), log.handoff("whatsapp:1:c1", "en"));
        List<Event> unmatched = apply(log.message("whatsapp:1:c2", "hi", null));
        List<Event> full = apply(log.message("whatsapp:1:c3", "refund", null));

        assertThat(first).extracting(Event::data).containsExactly(new Assigned("bob", "billing", "refunds", "balanced"));
        assertThat(later).as("already with people").isEmpty();
        assertThat(unmatched).extracting(Event::data).containsExactly(new Queued("support", Priority.NORMAL, 1));
        assertThat(full).extracting(Event::data).containsExactly(new Queued("billing", Priority.HIGH, 1));

        TenantRouter restarted = new TenantRouter(FactLog.TENANT);
        List<Event> replayed = new ArrayList<>();
        log.all().forEach(fact -> replayed.addAll(restarted.apply(fact)));
        assertThat(replayed).containsExactly(first.get(0), unmatched.get(0), full.get(0));
        assertThat(restarted.settings().botEnabled()).isFalse();
    }

    @Test
    void replayingTheSameFactsRebuildsTheSameStateAndDecisionsAndDuplicatesAreIgnored() {
        apply(log.profile("ana", SUPPORT, List.of(), EN, 1), log.presence("ana", ONLINE));
        List<Event> first = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            first.addAll(apply(log.handoff("whatsapp:1:c" + i, "en")));
        }
        first.addAll(apply(log.status("whatsapp:1:c1", ConversationStatus.SOLVED)));

        TenantRouter restarted = new TenantRouter(FactLog.TENANT);
        List<Event> replayed = new ArrayList<>();
        for (Fact fact : log.all()) {
            replayed.addAll(restarted.apply(fact));
            assertThat(restarted.apply(fact)).isEmpty();
        }

        assertThat(replayed).containsExactlyElementsOf(first).isNotEmpty();
        assertThat(restarted.assigneeOf("whatsapp:1:c2")).contains("ana");
        assertThat(restarted.queues().size()).isEqualTo(2);
    }

    @Test
    void appliedFactIdsAreKeptForTheWindowOnlyAndADuplicateWithinItIsStillIgnored() {
        apply(log.profile("ana", SUPPORT, List.of(), EN, 1), log.presence("ana", ONLINE));
        Fact handoff = log.handoff("whatsapp:1:c1", "en");
        assertThat(assigned(apply(handoff))).containsExactly("whatsapp:1:c1->ana");
        apply(log.status("whatsapp:1:c1", ConversationStatus.CLOSED));

        // A tenant's facts over 30 days, one an hour, the handoff redelivered a day in: applied again it would
        // route the closed conversation to ana once more.
        Instant start = handoff.time();
        for (int hour = 1; hour <= 30 * 24; hour++) {
            router.apply(new Fact.SettingsChanged("settings-" + hour, start.plus(Duration.ofHours(hour)),
                    FactLog.TENANT, RoutingSettings.DEFAULT));
            if (hour == 24) {
                assertThat(router.apply(handoff)).isEmpty();
                assertThat(router.assigneeOf("whatsapp:1:c1")).isEmpty();
            }
        }

        // the ids of the last 7 days (hours 552 to 720), not the tenant's whole history
        assertThat(router.rememberedFactIds()).isEqualTo(7 * 24 + 1);
    }

    private List<Event> apply(Fact... facts) {
        List<Event> events = new ArrayList<>();
        for (Fact fact : facts) {
            events.addAll(router.apply(fact));
        }
        return events;
    }

    private static List<String> assigned(List<Event> events) {
        return events.stream().filter(e -> e.data() instanceof Assigned)
                .map(e -> e.subject() + "->" + ((Assigned) e.data()).agentId()).toList();
    }

    private static List<String> queued(List<Event> events) {
        return events.stream().filter(e -> e.data() instanceof Queued)
                .map(e -> e.subject() + "@" + ((Queued) e.data()).position()).toList();
    }
}
