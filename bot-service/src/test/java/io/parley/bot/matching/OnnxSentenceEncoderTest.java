package io.parley.bot.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxSentenceEncoderTest {

    @Test
    void sharesOneModelAndPlacesParaphrasesClose() {
        SentenceEncoder encoder = SentenceEncoders.defaults().forLanguage("en");
        List<float[]> vectors = encoder.encodeAll(
                List.of("I forgot my password", "how can I reset my login password", "what's the weather tomorrow"));

        assertThat(SentenceEncoders.defaults().forLanguage("en")).isSameAs(encoder);
        assertThat(vectors.get(0)).hasSize(encoder.dimension());
        assertThat(dot(vectors.get(0), vectors.get(0))).isCloseTo(1f, within(1e-4f));
        assertThat(dot(vectors.get(0), vectors.get(1)))
                .isGreaterThan(dot(vectors.get(0), vectors.get(2)));
    }

    @Test
    void embedsOnlyTheFirstTokensOfALongText() {
        OnnxSentenceEncoder encoder = (OnnxSentenceEncoder) SentenceEncoders.defaults().forLanguage("en");
        String longText = "word ".repeat(OnnxSentenceEncoder.EMBEDDED_TOKENS + 10) + "end";

        assertThat(encoder.embeddedPart(longText).split(" ")).hasSize(OnnxSentenceEncoder.EMBEDDED_TOKENS);
        assertThat(encoder.embeddedPart("  a short question ")).isEqualTo("  a short question ");
    }

    @Test
    void cutsEveryScriptByTokens() {
        OnnxSentenceEncoder encoder = (OnnxSentenceEncoder) SentenceEncoders.defaults().forLanguage("en");
        String chinese = "我的订单在哪里".repeat(300);
        String supplementary = "𠀀".repeat(300);

        assertThat(encoder.embeddedPart(chinese)).hasSize(OnnxSentenceEncoder.EMBEDDED_TOKENS).satisfies(cut ->
                assertThat(chinese).startsWith(cut));
        String cut = encoder.embeddedPart(supplementary);
        assertThat(supplementary).startsWith(cut);
        assertThat(cut.codePointCount(0, cut.length())).isBetween(1, OnnxSentenceEncoder.EMBEDDED_TOKENS);
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 1))).isFalse();
    }

    @Test
    void loadsAModelDirectoryLikeTheBuiltInModel(@TempDir Path directory) throws IOException {
        // The directory a deployment would bring, made here from the model files inside the bge-small-en artifact.
        Files.write(directory.resolve(OnnxSentenceEncoder.MODEL_FILE),
                OnnxSentenceEncoder.resource("bge-small-en-v1.5-q.onnx"));
        Files.write(directory.resolve(OnnxSentenceEncoder.TOKENIZER_FILE),
                OnnxSentenceEncoder.resource("bge-small-en-v1.5-q-tokenizer.json"));
        Files.writeString(directory.resolve(OnnxSentenceEncoder.SETTINGS_FILE), "pooling=cls\nlanguages=en\n");

        SentenceEncoder fromDisk = SentenceEncoders.withOverrides(Map.of("xx", directory.toString())).forLanguage("xx");
        SentenceEncoder builtIn = SentenceEncoders.defaults().forLanguage("en");

        assertThat(fromDisk).isNotSameAs(builtIn);
        assertThat(fromDisk.dimension()).isEqualTo(builtIn.dimension());
        assertThat(fromDisk.understands("en")).isTrue();
        assertThat(fromDisk.understands("ru")).isFalse();
        for (String text : List.of("I forgot my password", "wann kommt meine Bestellung an")) {
            assertThat(dot(fromDisk.encode(text), builtIn.encode(text))).as(text).isCloseTo(1f, within(1e-5f));
        }
    }

    @Test
    void aDirectoryWithoutLanguagesIsMultilingualAndMeanPooled(@TempDir Path directory) throws IOException {
        Files.write(directory.resolve(OnnxSentenceEncoder.MODEL_FILE),
                OnnxSentenceEncoder.resource("bge-small-en-v1.5-q.onnx"));
        Files.write(directory.resolve(OnnxSentenceEncoder.TOKENIZER_FILE),
                OnnxSentenceEncoder.resource("bge-small-en-v1.5-q-tokenizer.json"));

        OnnxSentenceEncoder meanPooled = OnnxSentenceEncoder.fromDirectory(directory);
        SentenceEncoder clsPooled = SentenceEncoders.defaults().forLanguage("en");

        assertThat(meanPooled.understands("ru")).isTrue();
        assertThat(dot(meanPooled.encode("I forgot my password"), clsPooled.encode("I forgot my password")))
                .isLessThan(0.999f);
    }

    @Test
    void chineseGetsTheChineseModelWhichAlsoReadsEnglish() {
        SentenceEncoder chinese = SentenceEncoders.defaults().forLanguage("zh-CN");

        assertThat(chinese).isNotSameAs(SentenceEncoders.defaults().forLanguage("en"));
        assertThat(chinese.understands("en")).isTrue();
        List<float[]> vectors = chinese.encodeAll(List.of("我忘记了密码", "I forgot my password", "明天天气怎么样"));
        assertThat(dot(vectors.get(0), vectors.get(1))).isGreaterThan(dot(vectors.get(0), vectors.get(2)));
    }

    private static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
