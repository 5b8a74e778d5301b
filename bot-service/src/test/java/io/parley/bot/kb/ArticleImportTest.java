package io.parley.bot.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleImportTest {

    @Test
    void csv_rows_group_into_articles_with_questions_and_answers_per_language() {
        List<Article> articles = ArticleImport.parse(ImportFormat.CSV, """
                id,language,question,answer,tags
                reset-password,en,How do I reset my password?,Go to Settings > Security.,account|login
                reset-password,en,I forgot my password,,
                reset-password,es,¿Cómo cambio mi contraseña?,Ve a Ajustes > Seguridad.,
                opening-hours,en,"When are you open, exactly?",Mon-Fri 9-17.,
                """);
        assertThat(articles).extracting(Article::id).containsExactly("reset-password", "opening-hours");
        Article reset = articles.get(0);
        assertThat(reset.questions().get("en")).containsExactly("How do I reset my password?", "I forgot my password");
        assertThat(reset.answers()).containsEntry("es", "Ve a Ajustes > Seguridad.");
        assertThat(reset.tags()).containsExactly("account", "login");
        assertThat(articles.get(1).questions().get("en")).containsExactly("When are you open, exactly?");
    }

    @Test
    void json_takes_an_array_or_an_articles_object() {
        String article = """
                {"id": "refund", "questions": {"en": ["Can I get a refund?"]}, "answers": {"en": "Yes, within 30 days."},
                 "rich": {"links": [{"title": "Refund policy", "url": "https://example.com/refunds"}]}}""";
        assertThat(ArticleImport.parse(ImportFormat.JSON, "[" + article + "]")).hasSize(1);
        assertThat(ArticleImport.parse(ImportFormat.JSON, "{\"articles\": [" + article + "]}").get(0).rich().links())
                .hasSize(1);
    }

    @Test
    void markdown_sections_become_articles_with_multiline_answers() {
        List<Article> articles = ArticleImport.parse(ImportFormat.MARKDOWN, """
                # Acme FAQ
                ## shipping-time
                tags: shipping, orders
                ### en
                Q: How long does shipping take?
                Q: When will my parcel arrive?
                A: Usually 2-3 working days.
                Express orders arrive the next day.
                ### ru
                Q: Сколько идёт доставка?
                A: Обычно 2-3 рабочих дня.
                """);
        assertThat(articles).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("shipping-time");
            assertThat(a.tags()).containsExactly("shipping", "orders");
            assertThat(a.questions().get("en")).hasSize(2);
            assertThat(a.answers().get("en")).isEqualTo("Usually 2-3 working days.\nExpress orders arrive the next day.");
            assertThat(a.answers().get("ru")).isEqualTo("Обычно 2-3 рабочих дня.");
        });
    }

    @Test
    void every_problem_of_a_file_is_reported_at_once_with_where_it_is() {
        assertThatThrownBy(() -> ArticleImport.parse(ImportFormat.CSV, """
                id,language,question,answer,tags
                Bad Id,en,What?,Something,
                no-answer,en,Where?,,
                """))
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).contains("'Bad Id'").contains("id must be"))
                        .anySatisfy(p -> assertThat(p).contains("'no-answer'").contains("needs an answer")));
        assertThatThrownBy(() -> ArticleImport.parse(ImportFormat.MARKDOWN, "Q: orphan question"))
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.problems().get(0))
                        .contains("line 1").contains("## id"));
        assertThatThrownBy(() -> ArticleImport.parse(ImportFormat.JSON, "[{\"id\": \"x\", \"question\": {}}]"))
                .isInstanceOf(ImportException.class).hasMessageContaining("question");
        assertThatThrownBy(() -> ImportFormat.of(null, "application/pdf"))
                .isInstanceOf(ImportException.class).hasMessageContaining("text/csv");
    }
}
