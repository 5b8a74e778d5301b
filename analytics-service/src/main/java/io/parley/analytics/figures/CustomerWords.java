package io.parley.analytics.figures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The words of customer messages as the hot-words list counts them: Lucene's tokenizer, lower-cased, the language's
 * stop words removed, no stemming (the list shows words people wrote, not stems), no numbers or one- and two-letter
 * tokens. Languages without their own stop list use English's, the commonest second language of support traffic;
 * Chinese takes SmartChinese's word segmentation with its stop set and a list of function words.
 * Also a lexicon check for negative sentiment on the same words.
 */
public final class CustomerWords {

    private static final Map<String, Analyzer> ANALYZERS = new ConcurrentHashMap<>();

    /** Words that mark a message as negative, per language (lower case, as the analyzer emits them). */
    private static final Map<String, Set<String>> NEGATIVE = Map.of(
            "en", Set.of("angry", "terrible", "awful", "worst", "horrible", "useless", "disappointed", "hate",
                    "unacceptable", "ridiculous", "scam", "broken", "frustrated", "annoyed", "furious", "rubbish",
                    "disgusting", "pathetic", "complaint", "bad", "poor", "wrong", "fraud"),
            "es", Set.of("terrible", "horrible", "pésimo", "pésima", "malo", "mala", "odio", "estafa", "decepcionado",
                    "enfadado", "inaceptable", "molesto", "fatal", "queja", "vergüenza"),
            "pt", Set.of("péssimo", "péssima", "horrível", "ruim", "odeio", "golpe", "decepcionado", "irritado",
                    "absurdo", "inaceitável", "reclamação", "vergonha"),
            "fr", Set.of("nul", "nulle", "horrible", "déçu", "déçue", "arnaque", "inacceptable", "énervé", "honteux",
                    "scandaleux", "plainte", "mauvais"),
            "de", Set.of("schlecht", "schrecklich", "enttäuscht", "betrug", "unverschämt", "ärgerlich", "wütend",
                    "katastrophe", "beschwerde", "frechheit", "mies"),
            "ru", Set.of("ужасно", "ужасный", "плохо", "плохой", "отвратительно", "обман", "разочарован", "ненавижу",
                    "жалоба", "безобразие", "кошмар"),
            "zh", Set.of("差", "垃圾", "骗子", "失望", "生气", "投诉", "糟糕", "愤怒"));

    /**
     * Chinese function words: SmartChinese's own stop set is punctuation only, so without these the particles and
     * pronouns every message has (的, 了, 我, 在…) would top the list. Its single characters are words too, unlike a
     * Latin letter, so they cannot be dropped by length.
     */
    private static final List<String> CHINESE_FUNCTION_WORDS = List.of("的", "了", "着", "过", "是", "在", "有", "和",
            "与", "及", "或", "也", "都", "就", "还", "又", "很", "太", "不", "没", "没有", "吗", "呢", "吧", "啊", "呀",
            "哦", "嗯", "我", "你", "您", "他", "她", "它", "我们", "你们", "他们", "她们", "这", "那", "这个", "那个",
            "这些", "那些", "哪", "哪里", "哪儿", "什么", "怎么", "怎么样", "为什么", "谁", "一个", "个", "把", "被",
            "让", "给", "对", "从", "向", "会", "能", "要", "想", "可以", "请", "自己", "得", "地", "之", "而");

    private CustomerWords() {
    }

    /** The two-letter language of a locale or language tag ({@code pt_BR} → {@code pt}); {@code und} if unknown. */
    public static String language(String localeOrLanguage) {
        if (localeOrLanguage == null || localeOrLanguage.length() < 2) {
            return "und";
        }
        return localeOrLanguage.substring(0, 2).toLowerCase(Locale.ROOT);
    }

    public static List<String> words(String language, String text) {
        Analyzer analyzer = ANALYZERS.computeIfAbsent(language, CustomerWords::analyzerFor);
        List<String> words = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String word = term.toString();
                if (kept(language, word)) {
                    words.add(word);
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing in-memory text cannot fail: " + e.getMessage(), e);
        }
        return words;
    }

    public static boolean negative(String language, List<String> words) {
        Set<String> lexicon = NEGATIVE.getOrDefault(language, NEGATIVE.get("en"));
        return words.stream().anyMatch(lexicon::contains);
    }

    private static boolean kept(String language, String word) {
        boolean ideographic = "zh".equals(language);
        return (ideographic || word.codePointCount(0, word.length()) >= 3) && !word.chars().allMatch(Character::isDigit);
    }

    /** Standard tokenization with the language's stop words; stemming analyzers are used only for their stop sets. */
    private static Analyzer analyzerFor(String language) {
        CharArraySet stopWords;
        switch (language) {
            case "zh":
                CharArraySet chinese = new CharArraySet(SmartChineseAnalyzer.getDefaultStopSet(), false);
                chinese.addAll(CHINESE_FUNCTION_WORDS);
                return new SmartChineseAnalyzer(chinese);
            case "es":
                stopWords = SpanishAnalyzer.getDefaultStopSet();
                break;
            case "pt":
                stopWords = PortugueseAnalyzer.getDefaultStopSet();
                break;
            case "fr":
                stopWords = FrenchAnalyzer.getDefaultStopSet();
                break;
            case "de":
                stopWords = GermanAnalyzer.getDefaultStopSet();
                break;
            case "it":
                stopWords = ItalianAnalyzer.getDefaultStopSet();
                break;
            case "ru":
                stopWords = RussianAnalyzer.getDefaultStopSet();
                break;
            default:
                stopWords = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;
        }
        return new StandardAnalyzer(stopWords);
    }
}
