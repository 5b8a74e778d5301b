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
    void embedsOnlyTheFirstTokensOfALongText() {
        OnnxSentenceEncoder encoder = (OnnxSentenceEncoder) OnnxSentenceEncoder.bgeSmall();
        String longText = "word ".repeat(OnnxSentenceEncoder.EMBEDDED_TOKENS + 10) + "end";

        assertThat(encoder.embeddedPart(longText).split(" ")).hasSize(OnnxSentenceEncoder.EMBEDDED_TOKENS);
        assertThat(encoder.embeddedPart("  a short question ")).isEqualTo("  a short question ");
    }

    @Test
    void cutsEveryScriptByTokens() {
        OnnxSentenceEncoder encoder = (OnnxSentenceEncoder) OnnxSentenceEncoder.bgeSmall();
        String chinese = "我的订单在哪里".repeat(300);
        String supplementary = "𠀀".repeat(300);

        assertThat(encoder.embeddedPart(chinese)).hasSize(OnnxSentenceEncoder.EMBEDDED_TOKENS).satisfies(cut ->
                assertThat(chinese).startsWith(cut));
        String cut = encoder.embeddedPart(supplementary);
        assertThat(supplementary).startsWith(cut);
        assertThat(cut.codePointCount(0, cut.length())).isBetween(1, OnnxSentenceEncoder.EMBEDDED_TOKENS);
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 1))).isFalse();
    }

    private static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
