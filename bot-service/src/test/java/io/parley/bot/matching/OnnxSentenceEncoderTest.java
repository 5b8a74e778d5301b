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
        assertThat(Vectors.dot(vectors.get(0), 0, vectors.get(0), encoder.dimension())).isCloseTo(1f, within(1e-4f));
        assertThat(Vectors.dot(vectors.get(0), 0, vectors.get(1), encoder.dimension()))
                .isGreaterThan(Vectors.dot(vectors.get(0), 0, vectors.get(2), encoder.dimension()));
    }

    @Test
    void embedsOnlyTheFirstWordsOfALongText() {
        String longText = "word ".repeat(OnnxSentenceEncoder.EMBEDDED_WORDS + 10) + "end";

        assertThat(OnnxSentenceEncoder.firstWords(longText).split(" ")).hasSize(OnnxSentenceEncoder.EMBEDDED_WORDS);
        assertThat(OnnxSentenceEncoder.firstWords("  a short question ")).isEqualTo("  a short question ");
    }
}
