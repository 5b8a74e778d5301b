package io.parley.bot.matching;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Which sentence encoder embeds each language's questions: a built-in model ({@value #BGE_SMALL_EN},
 * {@value #BGE_SMALL_ZH}) or a directory holding an ONNX model and its tokenizer ({@link OnnxSentenceEncoder#fromDirectory}),
 * per language code, with {@value #OTHER_LANGUAGES} for the rest. By default Chinese gets bge-small-zh (cross-validated on
 * MASSIVE zh-CN, see the bot-service README) and every other language bge-small-en. A process loads each model once,
 * on first use, however many tenants and languages share it.
 */
public final class SentenceEncoders {

    public static final String BGE_SMALL_EN = "bge-small-en";
    public static final String BGE_SMALL_ZH = "bge-small-zh";
    /** The key of the encoder for languages not named. */
    public static final String OTHER_LANGUAGES = "other";

    private static final ConcurrentMap<String, SentenceEncoder> LOADED = new ConcurrentHashMap<>();
    private static final SentenceEncoders DEFAULTS =
            new SentenceEncoders(Map.of("zh", BGE_SMALL_ZH, OTHER_LANGUAGES, BGE_SMALL_EN));

    private final Map<String, String> models;

    private SentenceEncoders(Map<String, String> models) {
        this.models = models;
    }

    public static SentenceEncoders defaults() {
        return DEFAULTS;
    }

    /** The defaults with some languages (or {@value #OTHER_LANGUAGES}) given another model: a built-in name or a path. */
    public static SentenceEncoders withOverrides(Map<String, String> overrides) {
        Map<String, String> models = new TreeMap<>(DEFAULTS.models);
        overrides.forEach((language, model) -> models.put(
                language.equals(OTHER_LANGUAGES) ? language : Languages.base(language), model.strip()));
        return new SentenceEncoders(Map.copyOf(models));
    }

    /** The model named for the language (loaded now if nobody has yet). */
    public SentenceEncoder forLanguage(String language) {
        String model = models.getOrDefault(Languages.base(language), models.get(OTHER_LANGUAGES));
        return LOADED.computeIfAbsent(model, SentenceEncoders::load);
    }

    private static SentenceEncoder load(String model) {
        return switch (model) {
            case BGE_SMALL_EN -> OnnxSentenceEncoder.bgeSmallEn();
            case BGE_SMALL_ZH -> OnnxSentenceEncoder.bgeSmallZh();
            default -> OnnxSentenceEncoder.fromDirectory(Path.of(model));
        };
    }
}
