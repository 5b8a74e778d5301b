package io.parley.bot.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CustomerSignalsTest {

    @ParameterizedTest
    @ValueSource(strings = {"I want to talk to a human", "Can I speak to someone please", "quiero hablar con una persona",
            "Quero falar com um atendente", "Je veux parler à un conseiller", "Ich möchte mit einem Menschen sprechen",
            "Позовите оператора", "转人工", "我要找人工客服", "agent", "Human please", "Can you connect me with an agent?",
            "Is there a real person I can talk to?", "Necesito hablar con un asesor", "Preciso falar com uma pessoa",
            "Je voudrais parler à quelqu'un", "Ich will mit einem Berater reden", "Хочу поговорить с человеком",
            "Can someone call me back?"})
    void a_request_for_a_person_is_heard_in_every_supported_language(String text) {
        assertThat(CustomerSignals.asksForPerson(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"How do I reset my password?", "My personal data is wrong", "¿Cuánto cuesta el envío?",
            "Can a person have two accounts?", "My travel agent booked the wrong dates with my card",
            "¿Una persona puede tener dos cuentas?", "Сколько человек может пользоваться одной картой?",
            "Personne ne répond à mes e-mails depuis une semaine", "Someone used my card without my permission"})
    void ordinary_questions_are_not_requests_for_a_person(String text) {
        assertThat(CustomerSignals.asksForPerson(text)).isFalse();
    }

    @Test
    void yes_and_no_are_short_answers_in_any_language() {
        assertThat(CustomerSignals.saysYes("Yes, thanks")).isTrue();
        assertThat(CustomerSignals.saysYes("да")).isTrue();
        assertThat(CustomerSignals.saysNo("no")).isTrue();
        assertThat(CustomerSignals.saysNo("Nein")).isTrue();
        assertThat(CustomerSignals.saysNo("没有")).isTrue();
        assertThat(CustomerSignals.saysNo("no I need to know how to change my delivery address please")).isFalse();
        assertThat(CustomerSignals.saysYes("no")).isFalse();
    }

    @Test
    void strong_anger_needs_two_strong_words_or_one_shouted() {
        assertThat(CustomerSignals.isStronglyNegative("This is useless and ridiculous")).isTrue();
        assertThat(CustomerSignals.isStronglyNegative("TERRIBLE SERVICE!!")).isTrue();
        assertThat(CustomerSignals.isStronglyNegative("Это ужасно, бесполезный сервис")).isTrue();
        assertThat(CustomerSignals.isStronglyNegative("The weather was terrible, where is my order?")).isFalse();
        assertThat(CustomerSignals.isStronglyNegative("How do I reset my password?")).isFalse();
    }
}
