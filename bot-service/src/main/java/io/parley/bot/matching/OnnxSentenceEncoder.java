package io.parley.bot.matching;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;

/**
 * Sentence embeddings from the quantised all-MiniLM-L6-v2 model shipped inside its Maven artifact, run in-process on
 * ONNX Runtime. Loading takes a second and ~100 MB, so the process shares one instance ({@link #miniLm()}); the ONNX
 * session is safe to call from several threads. The model is English-centric: other languages still get vectors, but
 * the decision layer learns how much to trust them (see {@link IntentModel}).
 */
public final class OnnxSentenceEncoder implements SentenceEncoder {

    private static final int MINI_LM_DIMENSION = 384;

    private final EmbeddingModel model;
    private final int dimension;

    private OnnxSentenceEncoder(EmbeddingModel model, int dimension) {
        this.model = model;
        this.dimension = dimension;
    }

    /** The process-wide encoder, loaded on first use. */
    public static SentenceEncoder miniLm() {
        return MiniLmHolder.INSTANCE;
    }

    @Override
    public float[] encode(String text) {
        float[] vector = model.embed(text.isBlank() ? "?" : text).content().vector();
        return Vectors.normalised(vector);
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

    private static final class MiniLmHolder {
        static final SentenceEncoder INSTANCE =
                new OnnxSentenceEncoder(new AllMiniLmL6V2QuantizedEmbeddingModel(), MINI_LM_DIMENSION);
    }
}
