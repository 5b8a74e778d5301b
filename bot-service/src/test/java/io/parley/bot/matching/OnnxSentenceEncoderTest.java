package io.parley.bot.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxSentenceEncoderTest {

    @Test
    void sharesOneModelAndPlacesParaphrasesClose() {
        SentenceEncoder encoder = OnnxSentenceEncoder.bgeSmall();
        List<float[]> vectors = encoder.encodeAll(
                List.of("I forgot my password", "how can I reset my login password", "what's the weather tomorrow"));

        assertThat(OnnxSentenceEncoder.bgeSmall()).isSameAs(encoder);
        assertThat(vectors.get(0)).hasSize(encoder.dimension());
        assertThat(dot(vectors.get(0), vectors.get(0))).isCloseTo(1f, within(1e-4f));
        assertThat(dot(vectors.get(0), vectors.get(1)))
                .isGreaterThan(dot(vectors.get(0), vectors.get(2)));
    }

    @Test
    void embedsOnlyTheFirstWordsOfALongText() {
        String longText = "word ".repeat(OnnxSentenceEncoder.EMBEDDED_WORDS + 10) + "end";

        assertThat(OnnxSentenceEncoder.firstWords(longText).split(" ")).hasSize(OnnxSentenceEncoder.EMBEDDED_WORDS);
        assertThat(OnnxSentenceEncoder.firstWords("  a short question ")).isEqualTo("  a short question ");
    }

    @Test
    void cutsTextWithoutSpacesByCharacters() {
        String chinese = "我的订单在哪里".repeat(300) + "𠀀";

        String cut = OnnxSentenceEncoder.firstWords(chinese);

        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(OnnxSentenceEncoder.EMBEDDED_CHARACTERS);
        assertThat(chinese).startsWith(cut);
    }

    private static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
