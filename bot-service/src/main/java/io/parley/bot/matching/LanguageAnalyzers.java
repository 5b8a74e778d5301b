package io.parley.bot.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Lucene analysers per knowledge-base language (stemming, folding, Chinese word segmentation). Stop words are kept on
 * purpose: in short support questions "not", "how" and "can" carry the intent.
 */
public final class LanguageAnalyzers {

    private LanguageAnalyzers() {
    }

    /** Analyser for an ISO 639-1 code; languages without a dedicated one get the Unicode-aware standard analyser. */
    public static Analyzer forLanguage(String language) {
        CharArraySet keepAll = CharArraySet.EMPTY_SET;
        return switch (language.toLowerCase(Locale.ROOT)) {
            case "en" -> new EnglishAnalyzer(keepAll);
            case "zh" -> new SmartChineseAnalyzer(false);
            case "ru" -> new RussianAnalyzer(keepAll);
            case "es" -> new SpanishAnalyzer(keepAll);
            case "pt" -> new PortugueseAnalyzer(keepAll);
            case "fr" -> new FrenchAnalyzer(keepAll);
            case "de" -> new GermanAnalyzer(keepAll);
            default -> new StandardAnalyzer(keepAll);
        };
    }

    /** The analysed terms of a text, in order. */
    public static List<String> terms(Analyzer analyzer, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(Bm25Index.TEXT_FIELD, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing in-memory text cannot fail: " + e.getMessage(), e);
        }
        return terms;
    }
}
