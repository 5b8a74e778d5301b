package io.parley.bot.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.bot.conversation.ConversationMemory;
import io.parley.bot.flow.FlowEngine;
import io.parley.bot.kb.DemoKnowledgeBase;
import io.parley.bot.tenant.BotSettings;
import io.parley.bot.tenant.TenantBot;
import io.parley.events.Event;
import io.parley.events.EventData;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.BotAnswered;
import io.parley.events.conversation.ConversationEvent.Contact;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.ids.ConversationId;
import io.parley.events.workspace.Workspace;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A question in a language its article lacks, on the demo knowledge base (English default): the bot says so in the
 * customer's language and offers the English answer or a person; it answers in English only when asked to, and says
 * that it is English.
 */
class CrossLanguageDialogueTest {

    private static final String TENANT = "demo";
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    private final Dialogue dialogue = new Dialogue(new FlowEngine((method, url, slots) -> {
        throw new AssertionError("no flow runs in these tests");
    }));
    private final TenantBot bot = new TenantBot(TENANT, new BotSettings("en", 0.4, null).withDefaults(
            new BotSettings("en", 0.4, null)), DemoKnowledgeBase.model(), Map.of(), 1, Instant.EPOCH);
    private final Workspace workspace = Workspace.empty(TENANT); // no hours: open around the clock
    private ConversationMemory memory =
            ConversationMemory.initial(ConversationId.api("web-widget", "user-" + UUID.randomUUID()).toString());

    @Test
    void a_russian_return_question_is_offered_the_english_article_and_gets_it_in_english_with_a_russian_note() {
        List<EventData> offer = customerWrites("Как вернуть товар?", "ru");

        MessageOutbound menu = outbound(offer).get(0);
        assertThat(menu.content().text()).startsWith("Я не нашёл ответа на языке: русский")
                .contains("английский");
        assertThat(menu.content().text()).contains("How do I return an item?", "Связаться с сотрудником");
        assertThat(offer).noneMatch(BotAnswered.class::isInstance);

        List<EventData> answer = customerWrites("How do I return an item?", "ru");

        assertThat(outbound(answer).get(0).content().text())
                .startsWith("You can return any item within 30 days")
                .endsWith("(Этот ответ есть только на языке: английский.)");
        assertThat(answer).filteredOn(BotAnswered.class::isInstance).map(BotAnswered.class::cast)
                .singleElement().satisfies(answered -> {
                    assertThat(answered.articleId()).isEqualTo("returns");
                    assertThat(answered.language()).isEqualTo("en");
                });
    }

    @Test
    void a_spanish_delivery_question_is_offered_the_english_article_by_number() {
        List<EventData> offer = customerWrites("¿Cuánto tarda el envío a Portugal?", "es");

        MessageOutbound menu = outbound(offer).get(0);
        assertThat(menu.content().text()).startsWith("No encontré una respuesta en español").contains("inglés");
        // The API channel shows a menu as numbered lines: the customer answers with the number.
        String number = menu.content().text().lines().filter(line -> line.endsWith(". How long does delivery take?"))
                .findFirst().orElseThrow().substring(0, 1);

        List<EventData> answer = customerWrites(number, "es");

        assertThat(outbound(answer).get(0).content().text()).startsWith("Orders leave our warehouse")
                .endsWith("(Esta respuesta solo está disponible en inglés.)");
    }

    @Test
    void a_person_can_be_chosen_instead_of_the_offered_answers() {
        customerWrites("¿Cuánto tarda el envío a Portugal?", "es");

        List<EventData> handoff = customerWrites("Hablar con una persona", "es");

        assertThat(handoff).filteredOn(HandoffRequested.class::isInstance).map(HandoffRequested.class::cast)
                .singleElement().satisfies(requested -> assertThat(requested.reason()).isEqualTo("asked-for-human"));
    }

    @Test
    void a_chinese_order_question_is_not_answered_with_the_only_chinese_article() {
        List<EventData> reaction = customerWrites("我的订单什么时候到？", "zh");

        assertThat(reaction).noneMatch(BotAnswered.class::isInstance);
        MessageOutbound menu = outbound(reaction).get(0);
        assertThat(menu.content().text()).contains("英语", "How long does delivery take?", "转人工客服");
    }

    @Test
    void an_unrelated_english_question_gets_not_sure_with_the_way_to_a_person() {
        List<EventData> reaction = customerWrites("Who won the Champions League?", "en");

        assertThat(reaction).noneMatch(BotAnswered.class::isInstance);
        assertThat(outbound(reaction).get(0).content().text()).startsWith("I'm not sure I understood");
    }

    private List<EventData> customerWrites(String text, String language) {
        String conversation = memory.state().conversationId();
        ConversationId id = ConversationId.parse(conversation);
        Event message = new Event(UUID.randomUUID().toString(), "/ingest/api", conversation, NOW, TENANT, null,
                new MessageReceived(id.channel(), id.account(), "m-" + UUID.randomUUID(),
                        new Contact(id.user(), "Olga", null), Content.text(text), null, null, null, NOW));
        memory = memory.evolve(message);
        List<EventData> reactions = dialogue.respond(message, (MessageReceived) message.data(), memory, bot, workspace,
                Optional.of(language), NOW);
        for (EventData reaction : reactions) {
            memory = memory.evolve(new Event(UUID.randomUUID().toString(), "/bot", conversation, NOW, TENANT, null,
                    reaction));
        }
        return reactions;
    }

    private static List<MessageOutbound> outbound(List<EventData> reactions) {
        return reactions.stream().filter(MessageOutbound.class::isInstance).map(MessageOutbound.class::cast).toList();
    }
}
