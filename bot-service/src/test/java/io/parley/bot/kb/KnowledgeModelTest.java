package io.parley.bot.kb;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.bot.matching.IntentModel;
import io.parley.bot.matching.Prediction;
import io.parley.bot.matching.TrainingOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real engine (bge-small on ONNX, loaded once per JVM) on a small knowledge base in four languages. */
class KnowledgeModelTest {

    static final double THRESHOLD = IntentModel.DEFAULT_CONFIDENCE_THRESHOLD;
    private static KnowledgeModel model;

    static List<Article> multilingualKb() throws IOException {
        try (InputStream json = KnowledgeModelTest.class.getResourceAsStream("/kb/multilingual.json")) {
            return ArticleImport.parse(ImportFormat.JSON, new String(json.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @BeforeAll
    static void train() throws IOException {
        model = KnowledgeModel.train(multilingualKb(),
                List.of(new KnowledgeModel.Intent("flow:order-tracking", Map.of("en", List.of("where is my order",
                        "track my order", "order status")))),
                "en", (utterances, language) ->
                        IntentModel.train(utterances, TrainingOptions.defaults().withLanguage(language)));
    }

    @ParameterizedTest
    @CsvSource({
            "en, I have forgotten my password, reset-password",
            "en, how much is delivery, shipping-cost",
            "en, please cancel my subscription, cancel-subscription",
            "es, olvidé la contraseña, reset-password",
            "es, cuánto cuesta el envío a mi casa, shipping-cost",
            "ru, забыл свой пароль, reset-password",
            "ru, сколько стоит доставка заказа, shipping-cost",
            "zh, 我忘了密码, reset-password",
            "zh, 运费多少钱, shipping-cost",
            "en, track my order please, flow:order-tracking"})
    void questions_in_each_language_match_their_article_confidently(String language, String text, String article) {
        Prediction prediction = model.classify(text, language).orElseThrow().prediction();
        assertThat(prediction.label()).as(text).isEqualTo(article);
        assertThat(prediction.confident(THRESHOLD)).as(text + " at " + prediction.confidence()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "en, what is the capital of italy",
            "en, can you recommend a restaurant",
            "es, quién ganó la liga",
            "ru, какая завтра погода в москве",
            "zh, 今天股票涨了吗",
            "en, how tall is mount everest",
            "es, cuál es tu color favorito",
            "ru, кто написал войну и мир",
            "zh, 猫为什么喜欢睡觉"})
    void questions_the_knowledge_base_does_not_cover_are_below_the_threshold(String language, String text) {
        Prediction prediction = model.classify(text, language).orElseThrow().prediction();
        assertThat(prediction.confident(THRESHOLD)).as(text + " -> " + prediction).isFalse();
    }

    @Test
    void a_language_without_questions_uses_the_default_language_model() {
        assertThat(model.classify("How do I reset my password?", "de").orElseThrow().modelLanguage()).isEqualTo("en");
        assertThat(model.languages()).containsExactlyInAnyOrder("en", "es", "ru", "zh");
    }

    @Test
    void agents_get_the_best_three_articles() {
        assertThat(model.rankArticles("I forgot my password", "en", 3)).hasSizeLessThanOrEqualTo(3)
                .first().satisfies(best -> assertThat(best.label()).isEqualTo("reset-password"));
    }

    @Test
    void a_rebuild_retrains_only_the_languages_whose_questions_changed() throws IOException {
        List<String> trainedLanguages = new ArrayList<>();
        KnowledgeModel.Trainer countingTrainer = (utterances, language) -> {
            trainedLanguages.add(language);
            return IntentModel.train(utterances, TrainingOptions.defaults().withLanguage(language));
        };
        List<Article> kb = multilingualKb();
        KnowledgeModel first = KnowledgeModel.train(kb, List.of(), "en", countingTrainer);
        assertThat(trainedLanguages).containsExactlyInAnyOrder("en", "es", "ru", "zh");

        trainedLanguages.clear();
        Article reworded = withAnswers(kb.get(0), Map.of("en", "Reworded answer."));
        KnowledgeModel answerEdited = first.updatedWith(replaceFirst(kb, reworded), List.of(), "en", countingTrainer);
        assertThat(trainedLanguages).isEmpty();
        assertThat(answerEdited.article(reworded.id()).orElseThrow().answers()).isEqualTo(reworded.answers());

        Map<String, List<String>> questions = new LinkedHashMap<>(reworded.questions());
        questions.merge("es", List.of("una pregunta nueva"), KnowledgeModelTest::concat);
        Article asked = new Article(reworded.id(), questions, reworded.answers(), reworded.tags(), reworded.rich());
        answerEdited.updatedWith(replaceFirst(kb, asked), List.of(), "en", countingTrainer);
        assertThat(trainedLanguages).containsExactly("es");
    }

    private static Article withAnswers(Article article, Map<String, String> answers) {
        return new Article(article.id(), article.questions(), answers, article.tags(), article.rich());
    }

    private static List<Article> replaceFirst(List<Article> articles, Article replacement) {
        List<Article> replaced = new ArrayList<>(articles);
        replaced.set(0, replacement);
        return replaced;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> joined = new ArrayList<>(first);
        joined.addAll(second);
        return joined;
    }

    @Test
    void an_empty_knowledge_base_matches_nothing() {
        assertThat(KnowledgeModel.empty("en").classify("hello", "en")).isEmpty();
    }
}
