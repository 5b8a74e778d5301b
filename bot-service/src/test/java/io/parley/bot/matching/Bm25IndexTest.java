package io.parley.bot.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class Bm25IndexTest {

    @Test
    void scoresClassesRelativeToTheBestHitWithStemming() {
        Bm25Index index = new Bm25Index(LanguageAnalyzers.forLanguage("en"),
                List.of("cancel my subscription", "where is my parcel", "cancelled order refund"),
                new int[] {0, 1, 2}, 10);

        float[] scores = index.classScores("cancelling subscriptions", 3);

        assertThat(scores[0]).isEqualTo(1f);
        assertThat(scores[2]).isBetween(0.01f, 0.99f);
        assertThat(scores[1]).isZero();
    }

    @Test
    void segmentsChineseAndStemsRussian() {
        assertThat(LanguageAnalyzers.terms(LanguageAnalyzers.forLanguage("zh"), "我想退款")).contains("退款");
        assertThat(LanguageAnalyzers.terms(LanguageAnalyzers.forLanguage("ru"), "карточки"))
                .isEqualTo(LanguageAnalyzers.terms(LanguageAnalyzers.forLanguage("ru"), "карточка"));
    }
}
