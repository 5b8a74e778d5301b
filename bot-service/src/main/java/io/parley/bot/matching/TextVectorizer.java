package io.parley.bot.matching;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;

/**
 * TF-IDF over two lexical views of an utterance: word uni- and bigrams of the language's analysed terms (stemmed), and
 * character n-grams of the normalised text (robust to typos and usable for any script, Chinese included). Each view is
 * L2-normalised on its own and then weighted, so neither drowns the other. Vocabulary and IDF come from training.
 */
final class TextVectorizer {

    private static final String WORD_PREFIX = "w:";
    private static final String CHAR_PREFIX = "c:";

    private final Analyzer analyzer;
    private final TrainingOptions options;
    private final Map<String, Integer> vocabulary;
    private final float[] idf;

    private TextVectorizer(Analyzer analyzer, TrainingOptions options, Map<String, Integer> vocabulary, float[] idf) {
        this.analyzer = analyzer;
        this.options = options;
        this.vocabulary = vocabulary;
        this.idf = idf;
    }

    static TextVectorizer fit(Analyzer analyzer, TrainingOptions options, List<String> texts) {
        Map<String, Integer> documentFrequency = new HashMap<>();
        for (String text : texts) {
            for (String gram : grams(analyzer, options, text).keySet()) {
                documentFrequency.merge(gram, 1, Integer::sum);
            }
        }
        Map<String, Integer> vocabulary = new HashMap<>();
        documentFrequency.entrySet().stream()
                .filter(e -> e.getValue() >= options.minDocumentFrequency())
                .map(Map.Entry::getKey)
                .sorted()
                .forEach(gram -> vocabulary.put(gram, vocabulary.size()));
        float[] idf = new float[vocabulary.size()];
        vocabulary.forEach((gram, index) ->
                idf[index] = (float) (Math.log((1.0 + texts.size()) / (1.0 + documentFrequency.get(gram))) + 1));
        return new TextVectorizer(analyzer, options, vocabulary, idf);
    }

    int dimension() {
        return idf.length;
    }

    SparseVector vectorize(String text) {
        Map<String, Integer> counts = grams(analyzer, options, text);
        int[] indices = new int[counts.size()];
        float[] values = new float[counts.size()];
        boolean[] isWord = new boolean[counts.size()];
        int n = 0;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            Integer index = vocabulary.get(entry.getKey());
            if (index != null) {
                indices[n] = index;
                values[n] = (float) ((1 + Math.log(entry.getValue())) * idf[index]);
                isWord[n] = entry.getKey().startsWith(WORD_PREFIX);
                n++;
            }
        }
        normaliseView(values, isWord, n, true, (float) options.wordWeight());
        normaliseView(values, isWord, n, false, (float) options.charWeight());
        return new SparseVector(Arrays.copyOf(indices, n), Arrays.copyOf(values, n));
    }

    private static void normaliseView(float[] values, boolean[] isWord, int n, boolean word, float weight) {
        double norm = 0;
        for (int i = 0; i < n; i++) {
            if (isWord[i] == word) {
                norm += values[i] * values[i];
            }
        }
        if (norm == 0) {
            return;
        }
        float scale = (float) (weight / Math.sqrt(norm));
        for (int i = 0; i < n; i++) {
            if (isWord[i] == word) {
                values[i] *= scale;
            }
        }
    }

    private static Map<String, Integer> grams(Analyzer analyzer, TrainingOptions options, String text) {
        Map<String, Integer> counts = new HashMap<>();
        List<String> terms = LanguageAnalyzers.terms(analyzer, text);
        for (int i = 0; i < terms.size(); i++) {
            counts.merge(WORD_PREFIX + terms.get(i), 1, Integer::sum);
            if (i > 0) {
                counts.merge(WORD_PREFIX + terms.get(i - 1) + ' ' + terms.get(i), 1, Integer::sum);
            }
        }
        String padded = ' ' + normalised(text) + ' ';
        for (int size = options.charGramMin(); size <= options.charGramMax(); size++) {
            for (int start = 0; start + size <= padded.length(); start++) {
                counts.merge(CHAR_PREFIX + padded.substring(start, start + size), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static String normalised(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return folded.replaceAll("[\\p{Punct}\\s]+", " ").strip();
    }
}
