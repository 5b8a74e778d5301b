package io.parley.bot.kb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.parley.bot.BotJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads articles from CSV, JSON or Markdown. Every problem of the whole file is collected, with its line where the
 * format has lines, so one failed import tells the admin everything to fix.
 *
 * <ul>
 *   <li>CSV: header {@code id,language,question,answer,tags}; one row per question; the answer may be on any row of
 *   the article and language; tags separated by {@code |}.</li>
 *   <li>JSON: an array of articles, or {@code {"articles": [...]}}.</li>
 *   <li>Markdown: {@code ## article-id}, an optional {@code tags: a, b} line, then per language {@code ### en},
 *   {@code Q: ...} lines and an {@code A: ...} answer that may go on over the following lines.</li>
 * </ul>
 */
public final class ArticleImport {

    private static final CsvMapper CSV = new CsvMapper();
    private static final List<String> CSV_COLUMNS = List.of("id", "language", "question", "answer", "tags");

    private ArticleImport() {
    }

    public static List<Article> parse(ImportFormat format, String body) {
        if (body == null || body.isBlank()) {
            throw new ImportException("the import is empty: send the articles in the request body");
        }
        List<Article> articles = switch (format) {
            case CSV -> csv(body);
            case JSON -> json(body);
            case MARKDOWN -> markdown(body);
        };
        List<String> problems = new ArrayList<>();
        articles.forEach(article -> problems.addAll(article.problems()));
        articles.stream().map(Article::id).filter(Objects::nonNull)
                .filter(id -> articles.stream().filter(a -> id.equals(a.id())).count() > 1).distinct()
                .forEach(id -> problems.add("article '" + id + "' appears more than once"));
        if (!problems.isEmpty()) {
            throw new ImportException(problems);
        }
        return articles;
    }

    private static List<Article> json(String body) {
        try {
            JsonNode root = BotJson.JSON.readTree(body);
            JsonNode list = root != null && root.isObject() ? root.get("articles") : root;
            if (list == null || !list.isArray()) {
                throw new ImportException("JSON import: expected an array of articles or {\"articles\": [...]}");
            }
            List<Article> articles = new ArrayList<>();
            for (JsonNode item : list) {
                articles.add(BotJson.JSON.treeToValue(item, Article.class));
            }
            return articles;
        } catch (JsonProcessingException e) {
            throw new ImportException("JSON import: " + e.getOriginalMessage() + locationOf(e));
        }
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    private static List<Article> csv(String body) {
        Map<String, Draft> drafts = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        try (MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(body)) {
            while (rows.hasNextValue()) {
                Map<String, String> row = rows.nextValue();
                int line = rows.getCurrentLocation().getLineNr();
                if (!row.keySet().containsAll(List.of("id", "language", "question"))) {
                    throw new ImportException("CSV import: the header must name the columns " + CSV_COLUMNS
                            + " (answer and tags may be empty), got " + row.keySet());
                }
                String id = value(row, "id");
                String language = value(row, "language").toLowerCase(Locale.ROOT);
                if (id.isEmpty() || language.isEmpty()) {
                    problems.add("CSV line " + line + ": id and language are required");
                    continue;
                }
                Draft draft = drafts.computeIfAbsent(id, Draft::new);
                String question = value(row, "question");
                if (!question.isEmpty()) {
                    draft.question(language, question);
                }
                String answer = value(row, "answer");
                if (!answer.isEmpty()) {
                    String earlier = draft.answers.put(language, answer);
                    if (earlier != null && !earlier.equals(answer)) {
                        problems.add("CSV line " + line + ": article '" + id + "' has two different " + language
                                + " answers; give the answer once per article and language");
                    }
                }
                Arrays.stream(value(row, "tags").split("\\|")).map(String::strip).filter(t -> !t.isEmpty())
                        .filter(tag -> !draft.tags.contains(tag)).forEach(draft.tags::add);
            }
        } catch (IOException e) {
            throw new ImportException("CSV import: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new ImportException(problems);
        }
        return drafts.values().stream().map(Draft::toArticle).toList();
    }

    private static String value(Map<String, String> row, String column) {
        String value = row.get(column);
        return value == null ? "" : value.strip();
    }

    private static List<Article> markdown(String body) {
        List<Draft> drafts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Draft current = null;
        String language = null;
        StringBuilder answer = null;
        String[] lines = body.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int number = i + 1;
            if (line.startsWith("## ")) {
                current = new Draft(line.substring(3).strip());
                drafts.add(current);
                language = null;
                answer = null;
            } else if (line.startsWith("### ")) {
                language = line.substring(4).strip().toLowerCase(Locale.ROOT);
                answer = null;
                if (current == null) {
                    problems.add("Markdown line " + number + ": '### " + language + "' before any '## article-id'");
                }
            } else if (current != null && language == null && line.toLowerCase(Locale.ROOT).startsWith("tags:")) {
                Arrays.stream(line.substring(5).split(",")).map(String::strip).filter(t -> !t.isEmpty())
                        .forEach(current.tags::add);
            } else if (line.startsWith("Q:") || line.startsWith("A:")) {
                if (current == null || language == null) {
                    problems.add("Markdown line " + number + ": '" + line.substring(0, 2)
                            + "' outside an article language section; start one with '## id' and '### en'");
                    continue;
                }
                String text = line.substring(2).strip();
                if (line.startsWith("Q:")) {
                    current.question(language, text);
                    answer = null;
                } else {
                    answer = new StringBuilder(text);
                    current.answers.put(language, text);
                }
            } else if (answer != null && !line.isEmpty()) {
                answer.append('\n').append(line);
                current.answers.put(language, answer.toString());
            } else if (!line.isEmpty() && !line.startsWith("# ") && !line.startsWith("<!--")) {
                problems.add("Markdown line " + number + ": cannot tell what '" + abbreviate(line)
                        + "' is; use '## id', 'tags:', '### language', 'Q:' or 'A:'");
            }
        }
        if (drafts.isEmpty() && problems.isEmpty()) {
            problems.add("Markdown import: no article found; start each with '## article-id'");
        }
        if (!problems.isEmpty()) {
            throw new ImportException(problems);
        }
        return drafts.stream().map(Draft::toArticle).toList();
    }

    private static String abbreviate(String line) {
        return line.length() <= 40 ? line : line.substring(0, 40) + "…";
    }

    /** An article being assembled from rows or lines. */
    private static final class Draft {
        private final String id;
        private final Map<String, List<String>> questions = new LinkedHashMap<>();
        private final Map<String, String> answers = new LinkedHashMap<>();
        private final List<String> tags = new ArrayList<>();

        private Draft(String id) {
            this.id = id;
        }

        private void question(String language, String text) {
            questions.computeIfAbsent(language, l -> new ArrayList<>()).add(text);
        }

        private Article toArticle() {
            return new Article(id, questions, answers, tags, null);
        }
    }
}
