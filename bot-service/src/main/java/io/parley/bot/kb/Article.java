package io.parley.bot.kb;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A knowledge-base article: the ways customers ask for it (per language), the answer (per language), tags and an
 * optional rich part. Its id is the label the intent model predicts.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Article(
        String id,
        Map<String, List<String>> questions,
        Map<String, String> answers,
        List<String> tags,
        RichAnswer rich) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

    public Article {
        questions = questions == null ? Map.of() : copyQuestions(questions);
        answers = answers == null ? Map.of() : Map.copyOf(answers);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The answer in {@code language}, else in {@code fallback}, else any. */
    public String answerIn(String language, String fallback) {
        if (answers.containsKey(language)) {
            return answers.get(language);
        }
        if (answers.containsKey(fallback)) {
            return answers.get(fallback);
        }
        return answers.values().stream().findFirst().orElse("");
    }

    /** What is wrong with this article, each problem a sentence that says how to fix it; empty when valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        String name = id == null ? "article" : "article '" + id + "'";
        if (id == null || !ID.matcher(id).matches()) {
            problems.add(name + ": id must be 1-100 characters of a-z, 0-9, '.', '_' or '-', starting with a letter"
                    + " or digit");
        }
        if (questions.values().stream().allMatch(List::isEmpty)) {
            problems.add(name + ": needs at least one question, e.g. \"questions\": {\"en\": [\"How do I ...?\"]}");
        }
        if (answers.isEmpty()) {
            problems.add(name + ": needs an answer, e.g. \"answers\": {\"en\": \"You can ...\"}");
        }
        questions.forEach((language, variants) -> {
            if (!LANGUAGE.matcher(language).matches()) {
                problems.add(name + ": question language '" + language + "' is not an ISO 639-1 code like 'en'");
            }
            if (variants.stream().anyMatch(q -> q == null || q.isBlank())) {
                problems.add(name + ": " + language + " has a blank question");
            }
        });
        answers.forEach((language, answer) -> {
            if (!LANGUAGE.matcher(language).matches()) {
                problems.add(name + ": answer language '" + language + "' is not an ISO 639-1 code like 'en'");
            }
            if (answer == null || answer.isBlank()) {
                problems.add(name + ": the " + language + " answer is blank");
            }
        });
        if (rich != null) {
            rich.problems().forEach(problem -> problems.add(name + ": " + problem));
        }
        return problems;
    }

    private static Map<String, List<String>> copyQuestions(Map<String, List<String>> questions) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        questions.forEach((language, variants) -> copy.put(language, variants == null ? List.of()
                : variants.stream().map(q -> q == null ? "" : q).toList()));
        return Collections.unmodifiableMap(copy);
    }
}
