package io.parley.bot.kb;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.bot.matching.IntentModel;
import io.parley.bot.matching.Prediction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The demo knowledge base with the real engine: a language with one or two articles must not answer every question
 * with them, and a question whose article exists only in English finds it there.
 */
class DemoKnowledgeBaseTest {

    private static final double THRESHOLD = IntentModel.DEFAULT_CONFIDENCE_THRESHOLD;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "en | What's the weather in Lisbon tomorrow?",
            "en | Who won the Champions League?",
            "en | Can you recommend a good book?",
            "en | Do you sell bicycles?",
            "en | How do I cook rice?",
            "en | Is my data stored in Europe?",
            "en | What is two plus two?",
            "zh | 我的订单什么时候到？",
            "zh | 明天北京会下雨吗？",
            "zh | 推荐一本好书",
            "zh | 你们卖自行车吗？",
            "zh | 怎么煮米饭？",
            "zh | 你们在招聘吗？",
            "zh | 一加一等于几？",
            "zh | 我的数据存在哪里？",
            "ru | Как вернуть товар?",
            "ru | Какая погода будет завтра в Москве?",
            "ru | Кто выиграл чемпионат мира?",
            "ru | Посоветуйте хорошую книгу",
            "ru | Вы продаёте велосипеды?",
            "ru | Как сварить рис?",
            "ru | У вас есть вакансии?",
            "ru | Где хранятся мои данные?",
            "es | ¿Cuánto tarda el envío a Portugal?",
            "es | ¿Qué tiempo hará mañana en Madrid?",
            "es | ¿Quién ganó la Champions?",
            "es | ¿Me recomiendas un buen libro?",
            "es | ¿Venden bicicletas?",
            "es | ¿Cómo se cocina el arroz?",
            "es | ¿Tienen ofertas de trabajo?",
            "es | ¿Cuánto es dos más dos?",
            "es | ¿Dónde se guardan mis datos?"})
    void questions_no_article_of_the_customers_language_answers_are_not_answered(String language, String text) {
        Prediction prediction = DemoKnowledgeBase.model().classify(text, language).orElseThrow().prediction();

        assertThat(prediction.confident(THRESHOLD)).as(text + " -> " + prediction).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "en | How long does delivery take? | delivery-time",
            "en | Can I pay by card? | payment-methods",
            "en | I'd like to send back a jacket | returns",
            "en | Are you open on Saturday? | opening-hours",
            "en | I can't remember my password | reset-password",
            "zh | 我想退货 | returns",
            "zh | 退货要多少天？ | returns",
            "ru | Сколько дней доставка? | delivery-time",
            "ru | Когда придёт моя посылка? | delivery-time",
            "es | ¿A qué hora abren? | opening-hours",
            "es | No recuerdo mi contraseña | reset-password"})
    void questions_an_article_of_the_customers_language_answers_are_answered(String language, String text,
                                                                            String article) {
        Prediction prediction = DemoKnowledgeBase.model().classify(text, language).orElseThrow().prediction();

        assertThat(prediction.label()).as(text).isEqualTo(article);
        assertThat(prediction.confident(THRESHOLD)).as(text + " at " + prediction.confidence()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ru | Как вернуть товар? | returns",
            "es | ¿Cuánto tarda el envío a Portugal? | delivery-time",
            "zh | 我的订单什么时候到？ | delivery-time",
            "es | ¿Puedo pagar con PayPal? | payment-methods"})
    void an_article_only_in_the_default_language_is_among_those_offered(String language, String text, String article) {
        assertThat(DemoKnowledgeBase.model().onlyInDefaultLanguage(text, language, 5))
                .extracting(Article::id).contains(article).allSatisfy(id ->
                        assertThat(DemoKnowledgeBase.model().article(id).orElseThrow().questions()).doesNotContainKey(language));
        assertThat(DemoKnowledgeBase.model().onlyInDefaultLanguage(text, "en", 5)).isEmpty();
    }
}
