package io.parley.bot.matching;

import java.util.List;

/** Turns a sentence into a dense vector; implementations are thread-safe. */
public interface SentenceEncoder {

    /** L2-normalised embedding of the text. */
    float[] encode(String text);

    int dimension();

    /**
     * Whether the model was trained on text in this language (ISO 639-1): its vectors then place a question near its
     * paraphrases, and near its translations into any other language it understands (cross-language matching).
     */
    boolean understands(String language);

    /** Encodes many texts; implementations may use several threads. */
    default List<float[]> encodeAll(List<String> texts) {
        return texts.stream().map(this::encode).toList();
    }
}
