package io.parley.bot.kb;

import io.parley.bot.matching.IntentModel;
import io.parley.bot.matching.LabeledUtterance;
import io.parley.bot.matching.Prediction;
import io.parley.bot.matching.ScoredLabel;
import io.parley.bot.matching.SentenceEncoders;
import io.parley.bot.matching.TrainingOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's trained matcher: one {@link IntentModel} per language the knowledge base has questions in (so each uses
 * its language's analyser), over the articles, extra intents such as flow triggers, and built-in out-of-scope
 * examples that give the model a way to say "none of these". Where a language's encoder also reads the default
 * language (bge-small-zh reads English; a multilingual model reads all), that language's model also learns the
 * default-language questions of the articles it has no questions for, so it matches across languages directly: a
 * Chinese question finds the English-only article rather than the one Chinese article. Immutable and thread-safe;
 * classifying is CPU-bound.
 */
public final class KnowledgeModel {

    private final Map<String, Article> articles;
    private final Map<String, List<LabeledUtterance>> utterancesByLanguage;
    private final Map<String, IntentModel> modelsByLanguage;
    private final String defaultLanguage;

    private KnowledgeModel(Map<String, Article> articles, Map<String, List<LabeledUtterance>> utterancesByLanguage,
                           Map<String, IntentModel> modelsByLanguage, String defaultLanguage) {
        this.articles = articles;
        this.utterancesByLanguage = utterancesByLanguage;
        this.modelsByLanguage = modelsByLanguage;
        this.defaultLanguage = defaultLanguage;
    }

    /** One more thing customers may ask for besides articles, e.g. {@code flow:order-tracking}. */
    public record Intent(String label, Map<String, List<String>> utterances) {
    }

    /** The engine's prediction, with the language of the model that made it. */
    public record Match(Prediction prediction, String modelLanguage) {
    }

    /** Trains one language's model: {@code IntentModel.train} with the language's options and encoder. */
    @FunctionalInterface
    public interface Trainer {

        IntentModel train(List<LabeledUtterance> utterances, String language);

        /** Whether the model of {@code language} understands questions written in {@code questionLanguage}. */
        default boolean reads(String language, String questionLanguage) {
            return language.equals(questionLanguage);
        }

        /** The engine with each language's encoder of {@code encoders}. */
        static Trainer withEncoders(SentenceEncoders encoders) {
            return new Trainer() {
                @Override
                public IntentModel train(List<LabeledUtterance> utterances, String language) {
                    return IntentModel.train(utterances, TrainingOptions.defaults().withLanguage(language),
                            encoders.forLanguage(language));
                }

                @Override
                public boolean reads(String language, String questionLanguage) {
                    return encoders.forLanguage(language).understands(questionLanguage);
                }
            };
        }
    }

    /** Trains a model per language. */
    public static KnowledgeModel train(List<Article> articles, List<Intent> intents, String defaultLanguage,
                                       Trainer trainer) {
        return empty(defaultLanguage).updatedWith(articles, intents, defaultLanguage, trainer);
    }

    /**
     * The knowledge for new documents, retraining only the languages whose questions changed. Training a large
     * knowledge base takes a minute, and most edits (an answer's wording, a flow's steps, settings)
     * leave every question as it was.
     */
    public KnowledgeModel updatedWith(List<Article> newArticles, List<Intent> intents, String newDefaultLanguage,
                                      Trainer trainer) {
        Map<String, List<LabeledUtterance>> byLanguage = new LinkedHashMap<>();
        for (Article article : newArticles) {
            article.questions().forEach((language, questions) -> questions.forEach(q ->
                    byLanguage.computeIfAbsent(language, l -> new ArrayList<>()).add(new LabeledUtterance(q, article.id()))));
        }
        for (Intent intent : intents) {
            intent.utterances().forEach((language, texts) -> texts.forEach(text ->
                    byLanguage.computeIfAbsent(language, l -> new ArrayList<>()).add(new LabeledUtterance(text, intent.label()))));
        }
        byLanguage.forEach((language, utterances) -> {
            if (!language.equals(newDefaultLanguage) && trainer.reads(language, newDefaultLanguage)) {
                newArticles.stream().filter(article -> !article.questions().containsKey(language))
                        .forEach(article -> article.questions().getOrDefault(newDefaultLanguage, List.of())
                                .forEach(q -> utterances.add(new LabeledUtterance(q, article.id()))));
            }
        });
        Map<String, IntentModel> models = new LinkedHashMap<>();
        byLanguage.forEach((language, utterances) -> {
            if (utterances.equals(utterancesByLanguage.get(language))) {
                models.put(language, modelsByLanguage.get(language));
                return;
            }
            List<LabeledUtterance> all = new ArrayList<>(utterances);
            OutOfScopeExamples.forLanguage(language)
                    .forEach(text -> all.add(new LabeledUtterance(text, Prediction.OUT_OF_SCOPE)));
            models.put(language, trainer.train(all, language));
        });
        Map<String, Article> byId = new LinkedHashMap<>();
        newArticles.forEach(article -> byId.put(article.id(), article));
        return new KnowledgeModel(Collections.unmodifiableMap(byId), Collections.unmodifiableMap(byLanguage),
                Collections.unmodifiableMap(models), newDefaultLanguage);
    }

    public static KnowledgeModel empty(String defaultLanguage) {
        return new KnowledgeModel(Map.of(), Map.of(), Map.of(), defaultLanguage);
    }

    /**
     * Classifies with the model of the customer's language, else the default language's, else the largest one.
     * Empty when the tenant has no knowledge at all.
     */
    public Optional<Match> classify(String text, String language) {
        String modelLanguage = modelsByLanguage.containsKey(language) ? language
                : modelsByLanguage.containsKey(defaultLanguage) ? defaultLanguage
                : modelsByLanguage.keySet().stream().findFirst().orElse(null);
        if (modelLanguage == null) {
            return Optional.empty();
        }
        return Optional.of(new Match(modelsByLanguage.get(modelLanguage).classify(text), modelLanguage));
    }

    /** The best articles for a text, best first: what an agent is offered. */
    public List<ScoredLabel> rankArticles(String text, String language, int limit) {
        return classify(text, language).map(match -> match.prediction().alternatives().stream()
                        .filter(candidate -> articles.containsKey(candidate.label()))
                        .sorted(Comparator.comparingDouble(ScoredLabel::confidence).reversed())
                        .limit(limit)
                        .toList())
                .orElse(List.of());
    }

    /**
     * Articles a customer writing in {@code language} cannot find: questions in the default language and none in
     * theirs. The ones the default language's model ranks highest for {@code text} come first (its lexical matchers
     * still catch names, numbers and loanwords), then the rest in knowledge-base order.
     */
    public List<Article> onlyInDefaultLanguage(String text, String language, int limit) {
        if (language.equals(defaultLanguage) || !modelsByLanguage.containsKey(defaultLanguage)) {
            return List.of();
        }
        List<Article> missing = articles.values().stream()
                .filter(article -> !article.questions().containsKey(language)
                        && article.questions().containsKey(defaultLanguage))
                .toList();
        if (missing.isEmpty()) {
            return List.of();
        }
        List<String> ranked = modelsByLanguage.get(defaultLanguage).classify(text).alternatives().stream()
                .map(ScoredLabel::label).toList();
        return missing.stream()
                .sorted(Comparator.comparingInt(article -> ranked.contains(article.id())
                        ? ranked.indexOf(article.id()) : ranked.size()))
                .limit(limit)
                .toList();
    }

    public Optional<Article> article(String id) {
        return Optional.ofNullable(articles.get(id));
    }

    public int articleCount() {
        return articles.size();
    }

    public List<String> languages() {
        return List.copyOf(modelsByLanguage.keySet());
    }

    public String defaultLanguage() {
        return defaultLanguage;
    }
}
