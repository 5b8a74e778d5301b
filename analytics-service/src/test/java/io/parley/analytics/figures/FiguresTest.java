package io.parley.analytics.figures;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.Event;
import io.parley.events.agent.AgentEvent.Presence;
import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.conversation.ConversationEvent.SlaMetric;
import io.parley.events.conversation.ConversationStatus;
import io.parley.events.sla.BusinessCalendar;
import io.parley.events.sla.SlaPolicies;
import io.parley.events.sla.SlaTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FiguresTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Period DAY = new Period(Instant.parse("2026-11-23T00:00:00Z"),
            Instant.parse("2026-11-24T00:00:00Z"));
    private final TestEvents events = new TestEvents("acme");
    private final String c1 = TestEvents.conversation("1");
    private final String c2 = TestEvents.conversation("2");

    private List<Event> handledConversation() {
        return List.of(
                events.customer(c1, T0, "Where is my order?"),
                events.bot(c1, T0.plusSeconds(2), "order-status"),
                events.botMessage(c1, T0.plusSeconds(2)),
                events.customer(c1, T0.plusSeconds(60), "This is terrible, I want a person"),
                events.handoff(c1, T0.plusSeconds(61), "asked-for-human"),
                events.queued(c1, T0.plusSeconds(62), "support"),
                events.assigned(c1, T0.plusSeconds(121), "agent-1", "support"),
                events.agentReply(c1, T0.plusSeconds(181), "agent-1"),
                events.customer(c1, T0.plusSeconds(200), "thanks, and the invoice?"),
                events.agentReply(c1, T0.plusSeconds(260), "agent-1"),
                events.status(c1, T0.plusSeconds(600), ConversationStatus.SOLVED),
                events.csatRequested(c1, T0.plusSeconds(601)),
                events.csat(c1, T0.plusSeconds(700), 4),
                events.customer(c2, T0.plusSeconds(30), "opening hours?"),
                events.bot(c2, T0.plusSeconds(31), "hours"),
                events.botMessage(c2, T0.plusSeconds(31)));
    }

    private static TenantProjection fold(List<Event> log) {
        TenantProjection tenant = new TenantProjection("acme");
        log.forEach(tenant::apply);
        return tenant;
    }

    @Test
    void first_response_starts_at_the_handoff_so_bot_time_is_excluded() {
        Kpis kpis = Kpis.compute(fold(handledConversation()), Filter.ALL, DAY, T0.plusSeconds(3600), SlaRules.DEFAULT);

        assertThat(kpis.firstResponse().p50Seconds()).isEqualTo(120.0);
        assertThat(kpis.firstResponse().meanSeconds()).isEqualTo(120.0);
        assertThat(kpis.nextReply().p50Seconds()).isEqualTo(60.0);
        assertThat(kpis.resolution().p50Seconds()).isEqualTo(600.0);
    }

    @Test
    void period_figures_of_a_day_with_a_handled_and_a_bot_conversation() {
        Kpis kpis = Kpis.compute(fold(handledConversation()), Filter.ALL, DAY, T0.plusSeconds(3600), SlaRules.DEFAULT);

        assertThat(kpis.volume().messagesIn()).isEqualTo(4);
        assertThat(kpis.volume().messagesOut()).isEqualTo(4);
        assertThat(kpis.volume().newConversations()).isEqualTo(2);
        assertThat(kpis.volume().resolved()).isEqualTo(1);
        assertThat(kpis.botResolutionRate()).isEqualTo(0.5);
        assertThat(kpis.handoffRate().total()).isEqualTo(0.5);
        assertThat(kpis.handoffRate().byReason()).containsKey("asked-for-human");
        assertThat(kpis.rightFirstTimeRate()).isEqualTo(1.0);
        assertThat(kpis.transferRate()).isEqualTo(0.0);
        assertThat(kpis.slaPercentMet()).isEqualTo(100.0);
        assertThat(kpis.csat().average()).isEqualTo(4.0);
        assertThat(kpis.csat().responseRate()).isEqualTo(1.0);
        assertThat(kpis.csat().distribution()).containsEntry(4, 1);
        assertThat(kpis.topArticles()).extracting(Kpis.Count::key).containsExactly("hours", "order-status");
        assertThat(kpis.heatmap()[0][10]).isEqualTo(4); // Monday 10:00 UTC
        assertThat(kpis.hotWords().get("en")).extracting(Kpis.WordCount::word).contains("terrible", "order")
                .doesNotContain("is", "the", "a");
        assertThat(kpis.negativeSentimentShare()).isEqualTo(0.25);
        assertThat(kpis.series()).hasSize(24);
        assertThat(kpis.series().get(10).messagesIn()).isEqualTo(4);
        assertThat(kpis.series().get(10).firstResponseP50Seconds()).isEqualTo(120.0);
    }

    @Test
    void a_figure_with_no_data_is_null_not_zero() {
        Kpis kpis = Kpis.compute(new TenantProjection("empty"), Filter.ALL, DAY, T0, SlaRules.DEFAULT);

        assertThat(kpis.firstResponse().p50Seconds()).isNull();
        assertThat(kpis.resolution().meanSeconds()).isNull();
        assertThat(kpis.slaPercentMet()).isNull();
        assertThat(kpis.csat().average()).isNull();
        assertThat(kpis.csat().responseRate()).isNull();
        assertThat(kpis.botResolutionRate()).isNull();
        assertThat(kpis.handoffRate().total()).isNull();
        assertThat(kpis.rightFirstTimeRate()).isNull();
        assertThat(kpis.abandonment().rate()).isNull();
        assertThat(kpis.negativeSentimentShare()).isNull();
        LiveFigures live = LiveFigures.compute(new TenantProjection("empty"), Filter.ALL, T0, SlaRules.DEFAULT);
        assertThat(live.unattended().oldestWaitSeconds()).isNull();
        assertThat(live.updatedAt()).isNull();
    }

    @Test
    void duplicates_and_any_interleaving_of_the_writers_give_the_same_figures() {
        List<Event> log = handledConversation();
        Kpis expected = Kpis.compute(fold(log), Filter.ALL, DAY, T0.plusSeconds(3600), SlaRules.DEFAULT);
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            List<Event> shuffled = new ArrayList<>(log);
            shuffled.addAll(log.subList(0, random.nextInt(log.size())));
            Collections.shuffle(shuffled, random);

            Kpis kpis = Kpis.compute(fold(shuffled), Filter.ALL, DAY, T0.plusSeconds(3600), SlaRules.DEFAULT);

            assertThat(kpis).usingRecursiveComparison().isEqualTo(expected);
        }
    }

    @Test
    void a_customer_writing_after_solved_reopens_and_after_closed_starts_a_new_conversation() {
        List<Event> log = new ArrayList<>(handledConversation());
        log.add(events.customer(c1, T0.plusSeconds(900), "one more thing"));
        log.add(events.status(c1, T0.plusSeconds(1000), ConversationStatus.CLOSED));
        log.add(events.customer(c1, T0.plusSeconds(2000), "hello again"));

        Kpis kpis = Kpis.compute(fold(log), Filter.ALL, DAY, T0.plusSeconds(3600), SlaRules.DEFAULT);

        assertThat(kpis.volume().reopened()).isEqualTo(1);
        assertThat(kpis.volume().newConversations()).isEqualTo(3);
        assertThat(kpis.volume().resolved()).isEqualTo(2);
        assertThat(DrillDown.rows(fold(log), "reopened", null, Filter.ALL, DAY, T0, SlaRules.DEFAULT)).extracting(DrillDown.Row::conversationId)
                .containsExactly(c1);
    }

    @Test
    void business_hours_first_response_spans_a_weekend_with_a_dst_change() {
        // Berlin leaves winter time on Sunday 29 March 2026; the wait is Friday 16:30 to Monday 09:30 local
        Instant friday = Instant.parse("2026-03-27T15:30:00Z");
        Instant monday = Instant.parse("2026-03-30T07:30:00Z");
        String c = TestEvents.conversation("dst");
        List<Event> log = List.of(events.hours("Europe/Berlin", "MON-FRI 09:00-17:00", friday.minusSeconds(86400)),
                events.team("support", BusinessCalendar.BUSINESS_HOURS_POLICY, friday.minusSeconds(86400)),
                events.customer(c, friday, "hello"),
                events.queued(c, friday, "support"),
                events.agentReply(c, monday, "agent-1"));

        Kpis kpis = Kpis.compute(fold(log), Filter.ALL, new Period(friday, monday.plusSeconds(60)), monday, SlaRules.DEFAULT);

        assertThat(kpis.firstResponse().p50Seconds()).isEqualTo((double) Duration.ofMinutes(60).toSeconds());
        assertThat(kpis.timeZone()).isEqualTo("Europe/Berlin");
    }

    @Test
    void a_team_without_the_business_hours_policy_counts_wall_clock_time() {
        Instant friday = Instant.parse("2026-03-27T15:30:00Z");
        String c = TestEvents.conversation("wall");
        List<Event> log = List.of(events.hours("Europe/Berlin", "MON-FRI 09:00-17:00", friday.minusSeconds(86400)),
                events.customer(c, friday, "hello"), events.queued(c, friday, "support"),
                events.agentReply(c, friday.plusSeconds(7200), "agent-1"));

        Kpis kpis = Kpis.compute(fold(log), Filter.ALL, new Period(friday, friday.plusSeconds(86400)), friday, SlaRules.DEFAULT);

        assertThat(kpis.firstResponse().p50Seconds()).isEqualTo(7200.0);
    }

    @Test
    void transfers_abandonment_and_sla_breaches() {
        String transferred = TestEvents.conversation("t");
        String abandoned = TestEvents.conversation("a");
        List<Event> log = new ArrayList<>(handledConversation());
        log.addAll(List.of(events.customer(transferred, T0, "billing"), events.queued(transferred, T0, "support"),
                events.assigned(transferred, T0.plusSeconds(10), "agent-1", "support"),
                events.transferred(transferred, T0.plusSeconds(20), "agent-2", "support"),
                events.breached(transferred, T0.plusSeconds(3600), SlaMetric.FIRST_REPLY),
                events.customer(abandoned, T0, "anyone?"), events.queued(abandoned, T0, "support"),
                events.status(abandoned, T0.plusSeconds(1800), ConversationStatus.CLOSED)));

        Kpis kpis = Kpis.compute(fold(log), Filter.ALL, DAY, T0.plusSeconds(7200), SlaRules.DEFAULT);

        assertThat(kpis.transferRate()).isEqualTo(0.5);
        assertThat(kpis.rightFirstTimeRate()).isEqualTo(0.5);
        assertThat(kpis.abandonment().count()).isEqualTo(1);
        assertThat(kpis.abandonment().rate()).isEqualTo(0.3333);
        // first replies: the handled one (met), the transferred one (breached), the abandoned one (ended, met);
        // the handled one's next reply (met)
        assertThat(kpis.sla()).containsExactly(new Kpis.SlaFigure("normal", "first-reply", 3, 2, 66.7),
                new Kpis.SlaFigure("normal", "next-reply", 1, 1, 100.0));
        assertThat(kpis.slaPercentMet()).isEqualTo(75.0);
        assertThat(DrillDown.rows(fold(log), "transferred", null, Filter.ALL, DAY, T0, SlaRules.DEFAULT))
                .extracting(DrillDown.Row::conversationId).containsExactly(transferred);
    }

    @Test
    void unanswered_questions_are_grouped_by_their_text() {
        String a = TestEvents.conversation("q1");
        String b = TestEvents.conversation("q2");
        List<Event> log = List.of(events.customer(a, T0, "Do you ship to Mars?"),
                events.handoff(a, T0.plusSeconds(1), "low-confidence"),
                events.customer(b, T0, "do you ship to mars"), events.handoff(b, T0.plusSeconds(1), "low-confidence"));

        Kpis kpis = Kpis.compute(fold(log), Filter.ALL, DAY, T0.plusSeconds(60), SlaRules.DEFAULT);

        assertThat(kpis.unansweredQuestions()).containsExactly(new Kpis.Count("do you ship to mars", 2));
    }

    @Test
    void live_figures_count_states_queues_agents_and_the_oldest_unattended_wait() {
        String waiting = TestEvents.conversation("w");
        List<Event> log = new ArrayList<>(List.of(
                events.profile("agent-1", T0, "support", 3), events.presence("agent-1", T0, Presence.ONLINE),
                events.profile("agent-2", T0, "support", 2), events.presence("agent-2", T0, Presence.AWAY),
                events.customer(waiting, T0, "help"), events.handoff(waiting, T0, "asked-for-human"),
                events.queued(waiting, T0.plusSeconds(1), "support"),
                events.customer(c1, T0, "hi"), events.assigned(c1, T0.plusSeconds(5), "agent-1", "support"),
                events.customer(c2, T0.plusSeconds(500), "bot only")));

        LiveFigures live = LiveFigures.compute(fold(log), Filter.ALL, T0.plusSeconds(600), SlaRules.DEFAULT);

        assertThat(live.conversations()).isEqualTo(new LiveFigures.Conversations(1, 1, 1, 0, 0));
        assertThat(live.unattended()).isEqualTo(new LiveFigures.Unattended(2, 600L));
        assertThat(live.queues()).containsExactly(new LiveFigures.Queue("support", 1, 599L, 1, 1, 0, 1, 3));
        assertThat(live.agents().online()).isEqualTo(1);
        assertThat(live.agents().list()).extracting(LiveFigures.Agent::load).containsExactly(1, 0);
        assertThat(live.updatedAt()).isEqualTo(T0.plusSeconds(500));
        assertThat(LiveFigures.compute(fold(log), new Filter("billing", null), T0.plusSeconds(600), SlaRules.DEFAULT)
                .conversations().queued()).isZero();

        // every live figure lists the conversations it counts, classified the same way
        TenantProjection tenant = fold(log);
        Instant now = T0.plusSeconds(600);
        assertThat(DrillDown.rows(tenant, "queued", null, Filter.ALL, DAY, now, SlaRules.DEFAULT))
                .extracting(DrillDown.Row::conversationId).containsExactly(waiting);
        assertThat(DrillDown.rows(tenant, "assigned", null, Filter.ALL, DAY, now, SlaRules.DEFAULT))
                .extracting(DrillDown.Row::conversationId).containsExactly(c1);
        assertThat(DrillDown.rows(tenant, "bot", null, Filter.ALL, DAY, now, SlaRules.DEFAULT))
                .extracting(DrillDown.Row::conversationId).containsExactly(c2);
        assertThat(DrillDown.rows(tenant, "unattended-now", null, Filter.ALL, DAY, now, SlaRules.DEFAULT)).hasSize(2);
    }

    @Test
    void agent_presence_durations_are_clipped_to_the_period() {
        List<Event> log = List.of(events.presence("agent-1", T0, Presence.ONLINE),
                events.presence("agent-1", T0.plusSeconds(3600), Presence.AWAY),
                events.presence("agent-1", T0.plusSeconds(4200), Presence.OFFLINE));

        Kpis kpis = Kpis.compute(fold(log), Filter.ALL, new Period(T0.plusSeconds(1800), T0.plusSeconds(86400)),
                T0.plusSeconds(9000), SlaRules.DEFAULT);

        assertThat(kpis.agentPresence()).containsExactly(new Kpis.AgentPresence("agent-1", 1800, 600));
    }

    @Test
    void the_csv_export_quotes_cells_and_defuses_formulas() {
        String csv = DrillDown.csv(List.of(new DrillDown.Row("whatsapp:1:=cmd", "whatsapp", "a,b", "open", null,
                T0, null, null, null, null, null, false, 0, List.of(), List.of(), null, 1, 0)));

        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).startsWith("whatsapp:1:=cmd,whatsapp,\"a,b\",open,,");
        assertThat(DrillDown.csv(List.of(new DrillDown.Row("=1+1", null, null, "open", null, T0, null, null, null,
                null, null, false, 0, List.of(), List.of(), null, 0, 0)))).contains("'=1+1");
    }

    @Test
    void the_web_widgets_conversations_are_filtered_by_the_web_channel_like_any_other() {
        String web = TestEvents.webConversation("v-1");
        List<Event> log = new ArrayList<>(handledConversation()); // WhatsApp
        log.addAll(List.of(events.customer(web, T0, "is the shop open on sunday"),
                events.queued(web, T0.plusSeconds(5), "support")));
        TenantProjection tenant = fold(log);

        Kpis webOnly = Kpis.compute(tenant, new Filter(null, "web"), DAY, T0, SlaRules.DEFAULT);
        Kpis all = Kpis.compute(tenant, Filter.ALL, DAY, T0, SlaRules.DEFAULT);

        assertThat(webOnly.volume().messagesIn()).isEqualTo(1);
        assertThat(webOnly.volume().byChannel()).containsOnlyKeys("web");
        assertThat(all.volume().byChannel()).containsKeys("web", "whatsapp");
        assertThat(LiveFigures.compute(tenant, new Filter(null, "web"), T0.plusSeconds(60), SlaRules.DEFAULT)
                .queues()).extracting(LiveFigures.Queue::waiting).containsExactly(1);
        assertThat(DrillDown.rows(tenant, "all", null, new Filter(null, "web"), DAY, T0, SlaRules.DEFAULT))
                .extracting(DrillDown.Row::conversationId).containsExactly(web);
    }

    @Test
    void hot_words_and_negative_sentiment_honour_the_team_and_channel_filters() {
        String billing = TestEvents.conversation("billing");
        String messenger = TestEvents.messengerConversation("m1");
        List<Event> log = new ArrayList<>(handledConversation()); // team support, WhatsApp
        log.addAll(List.of(events.customer(billing, T0, "refund refund, awful invoice"),
                events.queued(billing, T0.plusSeconds(5), "billing"),
                events.customer(messenger, T0, "delivery tracking please"),
                events.queued(messenger, T0.plusSeconds(5), "support")));
        TenantProjection tenant = fold(log);

        Kpis billingOnly = Kpis.compute(tenant, new Filter("billing", null), DAY, T0, SlaRules.DEFAULT);
        Kpis messengerOnly = Kpis.compute(tenant, new Filter(null, "messenger"), DAY, T0, SlaRules.DEFAULT);
        Kpis support = Kpis.compute(tenant, new Filter("support", null), DAY, T0, SlaRules.DEFAULT);

        assertThat(billingOnly.hotWords().get("en")).first().isEqualTo(new Kpis.WordCount("refund", 2));
        assertThat(billingOnly.hotWords().get("en")).extracting(Kpis.WordCount::word).doesNotContain("order",
                "delivery");
        assertThat(billingOnly.negativeSentimentShare()).isEqualTo(1.0);
        assertThat(messengerOnly.hotWords().get("en")).extracting(Kpis.WordCount::word)
                .containsExactly("delivery", "please", "tracking");
        assertThat(messengerOnly.negativeSentimentShare()).isEqualTo(0.0);
        assertThat(support.hotWords().get("en")).extracting(Kpis.WordCount::word).contains("order", "delivery")
                .doesNotContain("refund");
        assertThat(support.negativeSentimentShare()).isEqualTo(0.25); // 1 of the 4 customer texts of support
        assertThat(support.series().get(10).negativeSentimentShare()).isEqualTo(0.25);
        assertThat(DrillDown.rows(tenant, "hot-word", "refund", Filter.ALL, DAY, T0, SlaRules.DEFAULT))
                .extracting(DrillDown.Row::conversationId).containsExactly(billing);
        assertThat(DrillDown.rows(tenant, "negative-sentiment", null, new Filter("support", null), DAY, T0,
                SlaRules.DEFAULT)).extracting(DrillDown.Row::conversationId).containsExactly(c1);
    }

    @Test
    void hot_words_are_counted_per_language_with_that_languages_analyzer_and_stop_words() {
        String spanish = TestEvents.conversation("es");
        String russian = TestEvents.conversation("ru");
        String chinese = TestEvents.conversation("zh");
        TenantProjection tenant = fold(List.of(
                events.customer(spanish, T0, "¿Dónde está mi pedido? El pedido no llega, es un servicio pésimo", "es-ES"),
                events.customer(russian, T0, "Где мой заказ? Заказ не пришёл, это ужасно", "ru-RU"),
                events.customer(chinese, T0, "我的订单在哪里？订单还没到", "zh-CN")));

        Kpis kpis = Kpis.compute(tenant, Filter.ALL, DAY, T0.plusSeconds(60), SlaRules.DEFAULT);

        assertThat(kpis.hotWords()).containsOnlyKeys("es", "ru", "zh");
        assertThat(kpis.hotWords().get("es")).first().isEqualTo(new Kpis.WordCount("pedido", 2));
        assertThat(kpis.hotWords().get("es")).extracting(Kpis.WordCount::word).contains("servicio", "pésimo")
                .doesNotContain("está", "el", "mi", "un");
        assertThat(kpis.hotWords().get("ru")).first().isEqualTo(new Kpis.WordCount("заказ", 2));
        assertThat(kpis.hotWords().get("ru")).extracting(Kpis.WordCount::word).contains("ужасно")
                .doesNotContain("где", "мой");
        // Chinese has no spaces: SmartChinese cuts words, so 订单 (order) is one word and counted twice; the particles
        // and pronouns around it are not hot words.
        assertThat(kpis.hotWords().get("zh")).first().isEqualTo(new Kpis.WordCount("订单", 2));
        assertThat(kpis.hotWords().get("zh")).extracting(Kpis.WordCount::word).doesNotContain("我", "的", "在", "哪里",
                "还", "没");
        // Each language's negative lexicon: pésimo and ужасно are negative, the Chinese question is not.
        assertThat(kpis.negativeSentimentShare()).isEqualTo(0.6667);
    }

    @Test
    void sla_attainment_is_per_policy_and_metric() {
        String urgent = TestEvents.conversation("urgent");
        List<Event> log = new ArrayList<>(handledConversation()); // normal: first and next reply met
        log.addAll(List.of(events.customer(urgent, T0, "my card was charged twice"),
                events.queued(urgent, T0.plusSeconds(1), "billing", Priority.URGENT),
                events.breached(urgent, T0.plusSeconds(61), "urgent", SlaMetric.FIRST_REPLY),
                events.agentReply(urgent, T0.plusSeconds(120), "agent-2"),
                events.customer(urgent, T0.plusSeconds(130), "still waiting"),
                events.breached(urgent, T0.plusSeconds(250), "urgent", SlaMetric.NEXT_REPLY),
                events.agentReply(urgent, T0.plusSeconds(300), "agent-2"),
                events.customer(urgent, T0.plusSeconds(310), "and?"),
                events.agentReply(urgent, T0.plusSeconds(320), "agent-2"),
                events.ticket(urgent, T0.plusSeconds(400), Priority.URGENT),
                events.status(urgent, T0.plusSeconds(500), ConversationStatus.SOLVED)));
        TenantProjection tenant = fold(log);

        Kpis kpis = Kpis.compute(tenant, Filter.ALL, DAY, T0.plusSeconds(3600), SlaRules.DEFAULT);

        assertThat(kpis.sla()).containsExactly(
                new Kpis.SlaFigure("normal", "first-reply", 1, 1, 100.0),
                new Kpis.SlaFigure("normal", "next-reply", 1, 1, 100.0),
                new Kpis.SlaFigure("urgent", "first-reply", 1, 0, 0.0),
                new Kpis.SlaFigure("urgent", "next-reply", 2, 1, 50.0),
                new Kpis.SlaFigure("urgent", "resolution", 1, 1, 100.0));
        assertThat(kpis.slaPercentMet()).isEqualTo(66.7);
        assertThat(DrillDown.rows(tenant, "sla-breached", "urgent/next-reply", Filter.ALL, DAY, T0,
                SlaRules.DEFAULT)).extracting(DrillDown.Row::conversationId).containsExactly(urgent);
        assertThat(DrillDown.rows(tenant, "sla-breached", "normal/first-reply", Filter.ALL, DAY, T0,
                SlaRules.DEFAULT)).isEmpty();
    }

    @Test
    void a_policy_counting_business_hours_measures_replies_in_business_time_unless_the_team_is_wall_clock() {
        // Berlin returns to winter time on Sunday 25 October 2026: Friday 16:30 local (14:30Z) to Monday 09:30 local
        // (08:30Z) is an hour of business time, and 66 hours of wall clock
        Instant friday = Instant.parse("2026-10-23T14:30:00Z");
        Instant monday = Instant.parse("2026-10-26T08:30:00Z");
        String support = TestEvents.conversation("by-policy");
        String vip = TestEvents.conversation("vip");
        SlaRules businessNormal = new SlaRules(Map.of(Priority.NORMAL, new SlaTargets(Duration.ofMinutes(5),
                Duration.ofMinutes(10), Duration.ofHours(24), true, 90)), Map.of(), Duration.ofMinutes(15));
        List<Event> log = List.of(events.hours("Europe/Berlin", "MON-FRI 09:00-17:00", friday.minusSeconds(86400)),
                events.team("vip", BusinessCalendar.WALL_CLOCK_POLICY, friday.minusSeconds(86400)),
                events.customer(support, friday, "hello"), events.queued(support, friday, "support"),
                events.agentReply(support, monday, "agent-1"),
                events.customer(vip, friday, "hello"), events.queued(vip, friday, "vip"),
                events.agentReply(vip, monday, "agent-1"));
        Period period = new Period(friday, monday.plusSeconds(60));

        Kpis supportOnly = Kpis.compute(fold(log), new Filter("support", null), period, monday, businessNormal);
        Kpis vipOnly = Kpis.compute(fold(log), new Filter("vip", null), period, monday, businessNormal);
        Kpis wallClockPolicy = Kpis.compute(fold(log), new Filter("support", null), period, monday, SlaRules.DEFAULT);

        assertThat(supportOnly.firstResponse().p50Seconds()).isEqualTo(3600.0);
        assertThat(vipOnly.firstResponse().p50Seconds()).isEqualTo((double) Duration.ofHours(66).toSeconds());
        assertThat(wallClockPolicy.firstResponse().p50Seconds()).isEqualTo((double) Duration.ofHours(66).toSeconds());
    }

    @Test
    void at_risk_follows_the_ticket_services_policies_for_the_conversations_priority() {
        String normal = TestEvents.conversation("n");
        String low = TestEvents.conversation("l");
        List<Event> log = List.of(events.customer(normal, T0, "help"), events.handoff(normal, T0, "asked-for-human"),
                events.queued(normal, T0, "support"),
                events.customer(low, T0, "help"), events.handoff(low, T0, "asked-for-human"),
                events.queued(low, T0, "support", Priority.LOW));
        TenantProjection tenant = fold(log);
        Instant now = T0.plusSeconds(60);

        // defaults: normal first reply within 5 minutes (due in 4: at risk), low within 30 (due in 29: not yet)
        assertThat(LiveFigures.compute(tenant, Filter.ALL, now, SlaRules.DEFAULT).sla().atRisk()).isEqualTo(1);
        assertThat(DrillDown.rows(tenant, "sla-at-risk", null, Filter.ALL, DAY, now, SlaRules.DEFAULT))
                .extracting(DrillDown.Row::conversationId).containsExactly(normal);
        // the same keys the ticket service reads: normal first reply within an hour, low within 10 minutes
        SlaRules configured = new SlaRules(SlaPolicies.read(key -> Optional.ofNullable(Map.of(
                "parley.tickets.sla.normal.first-reply", "PT1H", "parley.tickets.sla.low.first-reply", "PT10M")
                .get(key))), Map.of(), Duration.ofMinutes(15));
        assertThat(DrillDown.rows(tenant, "sla-at-risk", null, Filter.ALL, DAY, now, configured))
                .extracting(DrillDown.Row::conversationId).containsExactly(low);
    }

    @Test
    void at_risk_and_business_time_follow_the_policy_the_tenants_workspace_sets_over_the_configured_one() {
        String normal = TestEvents.conversation("ws-n");
        List<Event> log = List.of(events.slaPolicy("normal", "PT1H", T0.minusSeconds(60)),
                events.customer(normal, T0, "help"), events.handoff(normal, T0, "asked-for-human"),
                events.queued(normal, T0, "support"));
        Instant now = T0.plusSeconds(60);

        // configured: normal first reply within 5 minutes (at risk); the workspace's own: within an hour (not yet)
        assertThat(LiveFigures.compute(fold(log.subList(1, log.size())), Filter.ALL, now, SlaRules.DEFAULT).sla()
                .atRisk()).isEqualTo(1);
        assertThat(LiveFigures.compute(fold(log), Filter.ALL, now, SlaRules.DEFAULT).sla().atRisk()).isEqualTo(0);
    }

    @Test
    void every_chart_bar_cell_and_list_entry_drills_down_to_its_conversations() {
        String agentless = TestEvents.conversation("q1");
        List<Event> log = new ArrayList<>(handledConversation());
        log.addAll(List.of(events.customer(agentless, T0.plusSeconds(3600), "Do you ship to Mars?"),
                events.handoff(agentless, T0.plusSeconds(3601), "low-confidence"),
                events.profile("agent-1", T0, "support", 3)));
        TenantProjection tenant = fold(log);
        Instant now = T0.plusSeconds(3700);

        assertThat(rows(tenant, "handoff", "asked-for-human", now)).containsExactly(c1);
        assertThat(rows(tenant, "handoff", "low-confidence", now)).containsExactly(agentless);
        assertThat(rows(tenant, "csat", "4", now)).containsExactly(c1);
        assertThat(rows(tenant, "csat", "5", now)).isEmpty();
        assertThat(rows(tenant, "messages-in", "0-10", now)).containsExactly(c1, c2); // Monday 10:00 UTC
        assertThat(rows(tenant, "messages-in", "0-11", now)).containsExactly(agentless);
        assertThat(rows(tenant, "article", "hours", now)).containsExactly(c2);
        assertThat(rows(tenant, "unanswered-question", "do you ship to mars", now)).containsExactly(agentless);
        assertThat(rows(tenant, "handled-by", "agent-1", now)).containsExactly(c1);
        assertThat(rows(tenant, "messages-out", null, now)).containsExactly(c1, c2);
    }

    @Test
    void an_agents_row_lists_the_conversations_it_holds_now() {
        List<Event> log = List.of(events.profile("agent-1", T0, "support", 3),
                events.customer(c1, T0, "hi"), events.assigned(c1, T0.plusSeconds(5), "agent-1", "support"),
                events.customer(c2, T0, "hi"), events.assigned(c2, T0.plusSeconds(5), "agent-2", "support"));

        assertThat(rows(fold(log), DrillDown.AGENT, "agent-1", T0.plusSeconds(60))).containsExactly(c1);
    }

    private List<String> rows(TenantProjection tenant, String figure, String key, Instant now) {
        return DrillDown.rows(tenant, figure, key, Filter.ALL, DAY, now, SlaRules.DEFAULT).stream()
                .map(DrillDown.Row::conversationId).toList();
    }
}
