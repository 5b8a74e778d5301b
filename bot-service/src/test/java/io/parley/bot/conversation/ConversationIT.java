package io.parley.bot.conversation;

import static io.parley.testkit.auth.AgentApi.asAdmin;
import static io.parley.bot.conversation.TenantSetup.appendToWorkspace;
import static io.parley.bot.conversation.TenantSetup.businessHours;
import static io.parley.bot.conversation.TenantSetup.closedTodayAndTomorrow;
import static io.parley.bot.conversation.TenantSetup.knowledgeBase;
import static io.parley.bot.conversation.TenantSetup.orderTrackingFlow;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.parley.bot.BotChannels;
import io.parley.bot.workspace.BotWorkspaces;
import io.parley.events.Event;
import io.parley.events.EventData;
import io.parley.events.Topics;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.Assigned;
import io.parley.events.conversation.ConversationEvent.AuthorKind;
import io.parley.events.conversation.ConversationEvent.BotAnswered;
import io.parley.events.conversation.ConversationEvent.BotFlow;
import io.parley.events.conversation.ConversationEvent.BotSuggested;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.envelope.EventCodec;
import io.parley.events.hours.BusinessHours;
import io.parley.events.kafka.DeadLetterHeaders;
import io.parley.events.workspace.Workspace;
import io.parley.events.workspace.WorkspaceEvent.HoursCleared;
import io.parley.events.workspace.WorkspaceEvent.TeamSaved;
import io.parley.testkit.kafka.KafkaTestResource;
import io.parley.testkit.kafka.SharedKafka;
import io.parley.testkit.kafka.TopicMark;
import io.parley.testkit.kafka.TopicProbe;
import io.parley.testkit.postgres.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bot on the real broker and PostgreSQL, driven only through the log and its admin API. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class ConversationIT {

    private final TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers());
    private final String tenant = "t-" + UUID.randomUUID();

    @Inject
    @Identifier(BotChannels.REPLAY_LISTENER)
    ConversationReplay replay;

    @Inject
    ConversationStore store;

    @Inject
    BotWorkspaces workspaces;

    @AfterEach
    void closeProbe() {
        probe.close();
    }

    @Test
    void a_confident_answer_comes_in_the_customers_language_and_no_to_did_it_help_hands_off() {
        knowledgeBase(tenant);
        CustomerLog customer = CustomerLog.whatsapp(probe, tenant);

        TopicMark asked = customer.writes("¿Cómo restablezco mi contraseña?");
        BotAnswered answered = customer.awaitOne(asked, BotAnswered.class);
        assertThat(answered.articleId()).isEqualTo("reset-password");
        assertThat(answered.language()).isEqualTo("es");
        List<MessageOutbound> said = customer.await(asked, MessageOutbound.class, 2, any -> true);
        assertThat(said.get(0).messageId()).isEqualTo(answered.messageId());
        assertThat(said.get(0).author().kind()).isEqualTo(AuthorKind.BOT);
        assertThat(said.get(0).content().text()).startsWith("Abre Ajustes");
        assertThat(said.get(1).content().kind()).isEqualTo(Content.INTERACTIVE);
        assertThat(said.get(1).content().options()).extracting(Content.Option::title).containsExactly("Sí", "No");

        TopicMark no = customer.writes(Content.builder(Content.INTERACTIVE).replyId("feedback:no").replyTitle("No").build());
        HandoffRequested handoff = customer.awaitOne(no, HandoffRequested.class);
        assertThat(handoff.reason()).isEqualTo("feedback-negative");
        assertThat(handoff.language()).isEqualTo("es");
        assertThat(handoff.summary()).contains("Sheena", "whatsapp", "Spanish", "¿Cómo restablezco mi contraseña?",
                "reset-password");
    }

    @Test
    void customers_writing_at_once_are_answered_in_parallel_threads_each_one() {
        knowledgeBase(tenant);
        // Many conversations in one poll run on the consumer's parallel threads, which have no Vert.x context: each
        // conversation new to the bot is looked up in its saved memories from there.
        List<CustomerLog> customers = IntStream.range(0, 12).mapToObj(i -> CustomerLog.whatsapp(probe, tenant)).toList();
        List<TopicMark> asked = customers.stream().map(customer -> customer.writes("How much does shipping cost?"))
                .toList();
        for (int i = 0; i < customers.size(); i++) {
            assertThat(customers.get(i).awaitOne(asked.get(i), BotAnswered.class).articleId()).isEqualTo("shipping-cost");
        }
    }

    @Test
    void a_rich_answer_brings_its_buttons_links_and_media_before_asking_whether_it_helped() {
        knowledgeBase(tenant);
        CustomerLog customer = CustomerLog.whatsapp(probe, tenant);

        TopicMark asked = customer.writes("How much does shipping cost?");
        BotAnswered answered = customer.awaitOne(asked, BotAnswered.class);
        assertThat(answered.articleId()).isEqualTo("shipping-cost");
        List<MessageOutbound> said = customer.await(asked, MessageOutbound.class, 3, any -> true);
        assertThat(said.get(0).messageId()).isEqualTo(answered.messageId());
        assertThat(said.get(0).content().text()).startsWith("Shipping is free from 50 EUR")
                .contains("• Shipping rates: https://shop.example.com/shipping");
        assertThat(said.get(0).content().options()).extracting(Content.Option::title).containsExactly("Track my order");
        assertThat(said.get(1).content().kind()).isEqualTo("image");
        assertThat(said.get(1).content().url()).isEqualTo("https://shop.example.com/rates.png");
        assertThat(said.get(1).content().caption()).isEqualTo("Rates by country");
        assertThat(said.get(2).content().options()).extracting(Content.Option::title).containsExactly("Yes", "No");
    }

    @Test
    void a_translation_missing_falls_back_to_the_default_language_with_a_note() {
        knowledgeBase(tenant);
        CustomerLog customer = CustomerLog.whatsapp(probe, tenant);
        TopicMark asked = customer.writes("如何取消订阅？");
        BotAnswered answered = customer.awaitOne(asked, BotAnswered.class);
        assertThat(answered.articleId()).isEqualTo("cancel-subscription");
        assertThat(answered.language()).isEqualTo("en");
        assertThat(customer.awaitOne(asked, MessageOutbound.class).content().text())
                .startsWith("Go to Account > Plan > Cancel").contains("（此答案仅提供");
    }

    @Test
    void asking_for_a_person_hands_off_at_once() {
        knowledgeBase(tenant);
        CustomerLog customer = CustomerLog.api(probe, tenant);
        TopicMark asked = customer.writes("Позовите оператора, пожалуйста");
        HandoffRequested handoff = customer.awaitOne(asked, HandoffRequested.class);
        assertThat(handoff.reason()).isEqualTo("asked-for-human");
        assertThat(handoff.language()).isEqualTo("ru");
        await().untilAsserted(() -> assertThat(metrics())
                .containsPattern("parley_bot_events_total\\{reason=\"asked-for-human\","
                        + "type=\"parley.conversation.handoff-requested.v1\"[^}]*} [1-9]")
                .containsPattern("parley_bot_reaction_seconds_count[^ ]* [1-9]")
                .containsPattern("parley_bot_decision_seconds_bucket\\{[^}]*le=\"\\+Inf\"[^}]*} [1-9]")
                .containsPattern("parley_bot_decision_cpu_seconds_count[^ ]* [1-9]"));
    }

    @Test
    void low_confidence_says_so_offers_a_person_and_the_second_miss_hands_off() {
        knowledgeBase(tenant);
        CustomerLog customer = CustomerLog.api(probe, tenant);
        TopicMark first = customer.writes("What is the capital of Italy?");
        MessageOutbound notSure = customer.awaitOne(first, MessageOutbound.class);
        assertThat(notSure.content().text()).startsWith("I'm not sure").endsWith("1. Talk to a person");
        assertThat(customer.awaitOne(first, BotFlow.class).step()).isEqualTo("missed");

        TopicMark second = customer.writes("Can you recommend a restaurant near me?");
        HandoffRequested handoff = customer.awaitOne(second, HandoffRequested.class);
        assertThat(handoff.reason()).isEqualTo("low-confidence");
        assertThat(handoff.summary()).contains("could not answer 2 messages in a row");
    }

    @Test
    void once_an_agent_owns_the_conversation_the_bot_is_silent_and_suggests_answers() {
        knowledgeBase(tenant);
        CustomerLog customer = CustomerLog.whatsapp(probe, tenant);
        customer.happens("/routing", new Assigned("agent-7", "support", null, "round-robin"));

        TopicMark asked = customer.writes("I forgot my password");
        List<EventData> events = customer.events(asked, 2);
        assertThat(events.get(0)).isInstanceOf(MessageReceived.class);
        assertThat(events.get(1)).isInstanceOfSatisfying(BotSuggested.class, suggested -> {
            assertThat(suggested.suggestions()).hasSizeBetween(1, 3);
            assertThat(suggested.suggestions().get(0).articleId()).isEqualTo("reset-password");
            assertThat(suggested.suggestions().get(0).text()).startsWith("Open Settings");
        });

        TopicMark next = customer.writes("how much is shipping?");
        customer.awaitOne(next, BotSuggested.class);
        assertThat(customer.history(asked)).extracting(Event::data)
                .noneMatch(data -> data instanceof MessageOutbound || data instanceof BotAnswered);
    }

    @Test
    void strong_anger_hands_off_even_with_a_question_the_bot_could_answer() {
        knowledgeBase(tenant);
        CustomerLog customer = CustomerLog.whatsapp(probe, tenant);
        TopicMark asked = customer.writes("This is USELESS and ridiculous, I forgot my password AGAIN");
        HandoffRequested handoff = customer.awaitOne(asked, HandoffRequested.class);
        assertThat(handoff.reason()).isEqualTo("negative-sentiment");
        assertThat(customer.history(asked)).extracting(Event::data).noneMatch(BotAnswered.class::isInstance);
    }

    @Test
    void an_unreadable_record_is_parked_with_its_reason_and_the_conversation_goes_on() {
        knowledgeBase(tenant);
        CustomerLog customer = CustomerLog.api(probe, tenant);
        String deadLetters = Topics.deadLetter(Topics.CONVERSATION_EVENTS, "bot");
        SharedKafka.broker().createTopics(Map.of(deadLetters, 1));
        TopicMark parkedFrom = probe.mark(deadLetters);
        probe.append(Topics.CONVERSATION_EVENTS, customer.conversation.toString(),
                "{not json".getBytes(StandardCharsets.UTF_8));

        TopicMark asked = customer.writes("I forgot my password");
        assertThat(customer.awaitOne(asked, BotAnswered.class).articleId()).isEqualTo("reset-password");
        ConsumerRecord<String, byte[]> parked = probe.await(parkedFrom, 1,
                TopicProbe.keyIs(customer.conversation.toString()), Duration.ofSeconds(30)).get(0);
        assertThat(new String(parked.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(new String(parked.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8))
                .contains("JSON");
        assertThat(metrics()).containsPattern(
                "parley_dead_letters_total\\{reason=\"malformed\",service=\"bot\",topic=\"conversation-events\"[^}]*} [1-9]");
    }

    @Test
    void a_readable_message_that_fails_every_time_is_parked_and_the_next_one_is_answered() {
        knowledgeBase(tenant);
        CustomerLog broken = CustomerLog.api(probe, tenant);
        CustomerLog next = onTheSamePartition(broken);
        String deadLetters = Topics.deadLetter(Topics.CONVERSATION_EVENTS, "bot");
        SharedKafka.broker().createTopics(Map.of(deadLetters, 1));
        TopicMark parkedFrom = probe.mark(deadLetters);
        // Another writer left a dialogue position the bot cannot read ("many" misses): every reaction to this
        // conversation's messages throws the same way.
        broken.happens("/elsewhere", new BotFlow("kb", "missed", Map.of("misses", "many")));

        broken.writes("I forgot my password");
        TopicMark asked = next.writes("I forgot my password");
        assertThat(next.awaitOne(asked, BotAnswered.class).articleId()).isEqualTo("reset-password");
        ConsumerRecord<String, byte[]> parked = probe.await(parkedFrom, 1,
                TopicProbe.keyIs(broken.conversation.toString()), Duration.ofSeconds(30)).get(0);
        assertThat(EventCodec.decode(parked.value()).orElseThrow().data()).isInstanceOfSatisfying(MessageReceived.class,
                message -> assertThat(message.content().text()).isEqualTo("I forgot my password"));
        assertThat(header(parked, DeadLetterHeaders.REASON)).contains("many");
        assertThat(header(parked, DeadLetterHeaders.EXCEPTION_CLASS)).isEqualTo(NumberFormatException.class.getName());
        assertThat(metrics()).containsPattern("parley_dead_letters_total\\{reason=\"unprocessable\",service=\"bot\","
                + "topic=\"conversation-events\"[^}]*} [1-9]");
    }

    /** Another customer of the same tenant whose conversation the log keeps in the same partition. */
    private CustomerLog onTheSamePartition(CustomerLog customer) {
        int partitions = SharedKafka.TOPICS.get(Topics.CONVERSATION_EVENTS);
        while (true) {
            CustomerLog other = CustomerLog.api(probe, tenant);
            if (partition(other, partitions) == partition(customer, partitions)) {
                return other;
            }
        }
    }

    private static int partition(CustomerLog customer, int partitions) {
        byte[] key = customer.conversation.toString().getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(key)) % partitions; // Kafka's partitioner for keyed records
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void a_partition_assigned_again_is_caught_up_from_where_memory_ends_not_replayed_whole() {
        knowledgeBase(tenant);
        CustomerLog customer = CustomerLog.api(probe, tenant);
        TopicMark asked = customer.writes("I forgot my password");
        customer.awaitOne(asked, BotAnswered.class);
        Map<TopicPartition, Long> conversationPartitionEnd = customer.partitionsWrittenSince(asked);
        await().atMost(Duration.ofSeconds(30)).until(() -> conversationPartitionEnd.entrySet().stream()
                .allMatch(end -> store.foldedUntil(end.getKey()).orElse(0L) >= end.getValue()));

        assertThat(replay.catchUp(conversationPartitionEnd)).isZero();
    }

    @Test
    void the_order_tracking_flow_runs_end_to_end_and_survives_a_restart_mid_flow() throws IOException {
        try (FakeShop shop = FakeShop.start()) {
            knowledgeBase(tenant);
            orderTrackingFlow(tenant, shop);

            CustomerLog customer = CustomerLog.api(probe, tenant);
            TopicMark asked = customer.writes("Where is my order?");
            assertThat(customer.awaitOne(asked, MessageOutbound.class).content().text())
                    .contains("What do you need?").contains("1. Track an order");
            assertThat(customer.awaitOne(asked, BotFlow.class).step()).isEqualTo("menu");

            TopicMark chose = customer.writes("1");
            assertThat(customer.awaitOne(chose, BotFlow.class).step()).isEqualTo("ask-order");

            replay.rebuildAll(Topics.CONVERSATION_EVENTS); // a fresh process folds the log again

            TopicMark typed = customer.writes("AB-123456");
            assertThat(customer.await(typed, MessageOutbound.class, 2, any -> true))
                    .extracting(outbound -> outbound.content().text())
                    .containsExactly("Order AB-123456 is shipped; expected delivery Friday.", "Anything else? Just write.");
            BotFlow ended = customer.awaitOne(typed, BotFlow.class);
            assertThat(ended.step()).isNull();
            assertThat(ended.slots()).containsEntry("order", "AB-123456");
        }
    }

    @Test
    void outside_business_hours_a_question_the_bot_cannot_answer_waits_for_people_and_the_bot_answers_the_rest() {
        // UTC+14: the tenant's calendar day is not the machine's, so holidays must be read in the tenant's zone.
        BusinessHours closed = closedTodayAndTomorrow(ZoneId.of("Pacific/Kiritimati"));
        businessHours(probe, tenant, Workspace.DEFAULT_CALENDAR, closed);
        knowledgeBase(tenant);
        awaitBotReads(null, Optional.of(closed));

        CustomerLog customer = CustomerLog.api(probe, tenant);
        // One question the bot cannot answer is enough: nobody could take up the offer of a person now.
        TopicMark asked = customer.writes("How tall is Mount Everest?");
        HandoffRequested handoff = customer.awaitOne(asked, HandoffRequested.class);
        assertThat(handoff.reason()).isEqualTo("after-hours");
        assertThat(handoff.summary()).contains("low-confidence", "How tall is Mount Everest?");
        assertThat(customer.awaitOne(asked, MessageOutbound.class).content().text())
                .contains("a person will answer from").contains("09:00 (Pacific/Kiritimati)");

        TopicMark meanwhile = customer.writes("I forgot my password");
        assertThat(customer.awaitOne(meanwhile, BotAnswered.class).articleId()).isEqualTo("reset-password");
        assertThat(customer.history(meanwhile)).extracting(Event::data)
                .noneMatch(data -> data instanceof HandoffRequested);
    }

    @Test
    void the_bots_team_works_by_its_workspace_calendar_and_a_change_decides_the_next_message_without_a_rebuild() {
        asAdmin(tenant, "admin-1").contentType("application/json").body("{\"team\": \"billing\"}")
                .put("/api/v1/kb/settings").then().statusCode(200);
        knowledgeBase(tenant);
        long generation = botGeneration();
        BusinessHours closed = closedTodayAndTomorrow(ZoneId.of("Pacific/Kiritimati"));
        appendToWorkspace(probe, tenant, new TeamSaved("billing", "Billing", "balanced", "requeue", "billing-desk",
                null, "admin-1"));
        businessHours(probe, tenant, "billing-desk", closed);
        awaitBotReads("billing", Optional.of(closed));

        CustomerLog first = CustomerLog.api(probe, tenant);
        TopicMark asked = first.writes("I want to talk to a person");
        assertThat(first.awaitOne(asked, HandoffRequested.class).reason()).isEqualTo("after-hours");

        appendToWorkspace(probe, tenant, new HoursCleared("billing-desk", "admin-1"));
        awaitBotReads("billing", Optional.empty());
        CustomerLog second = CustomerLog.api(probe, tenant);
        TopicMark askedAgain = second.writes("I want to talk to a person");
        assertThat(second.awaitOne(askedAgain, HandoffRequested.class).reason()).isEqualTo("asked-for-human");
        assertThat(botGeneration()).as("the hours changed without rebuilding the bot").isEqualTo(generation);
    }

    private long botGeneration() {
        return asAdmin(tenant, "admin-1").get("/api/v1/kb/status").then().statusCode(200).extract().jsonPath().getLong("generation");
    }

    /** Until this bot has read the workspace log as far as the hours a team (null: the default) works by. */
    private void awaitBotReads(String team, Optional<BusinessHours> hours) {
        await().atMost(Duration.ofSeconds(30)).until(() -> workspaces.tenant(tenant).hoursOf(team), equalTo(hours));
    }

    @Test
    void a_customer_message_delivered_twice_is_answered_once() {
        knowledgeBase(tenant);
        CustomerLog customer = CustomerLog.whatsapp(probe, tenant);
        TopicMark first = customer.writes("What are your opening hours?");
        customer.writesTheLastMessageAgain();
        TopicMark next = customer.writes("I forgot my password");
        customer.await(next, BotAnswered.class, 1, answered -> answered.articleId().equals("reset-password"));

        // received twice, then per answer: answer, feedback question, answered, flow position; then the next message
        List<EventData> events = customer.events(first, 11);
        assertThat(events).filteredOn(BotAnswered.class::isInstance).extracting(e -> ((BotAnswered) e).articleId())
                .containsExactly("opening-hours", "reset-password");
    }
}
