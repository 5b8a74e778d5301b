package io.parley.analytics.figures;

import io.parley.analytics.figures.Kpis.WordCount;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The voice of the customer: what customers wrote, read once per message in its language ({@link Text}), and the
 * figures over any set of those messages. Each conversation keeps its messages' readings ({@link
 * ConversationTimeline#customerTexts}), so the figures honour the team, channel and period filters exactly as the
 * message counts do, and a rebuilt or restored projection reads the same (kept, slimmed) texts again.
 */
public final class VoiceOfCustomer {

    /** Top words listed per language. */
    static final int TOP_WORDS = 20;

    private VoiceOfCustomer() {
    }

    /** One customer text message as read: its words (analysed in {@code language}) and whether it is negative. */
    public record Text(String eventId, Instant at, String language, List<String> words, boolean negative) {

        static Text read(String eventId, Instant at, String language, String text) {
            List<String> words = CustomerWords.words(language, text);
            return new Text(eventId, at, language, List.copyOf(words), CustomerWords.negative(language, words));
        }
    }

    /** The most frequent words per language, most frequent first, ties in alphabetical order. */
    public static Map<String, List<WordCount>> hotWords(Collection<Text> texts) {
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        texts.forEach(text -> text.words().forEach(word ->
                counts.computeIfAbsent(text.language(), l -> new HashMap<>()).merge(word, 1, Integer::sum)));
        Map<String, List<WordCount>> hot = new TreeMap<>();
        counts.forEach((language, words) -> hot.put(language, words.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_WORDS).map(entry -> new WordCount(entry.getKey(), entry.getValue())).toList()));
        return hot;
    }

    /** Negative messages ÷ messages; null when there are none. */
    public static Double negativeShare(Collection<Text> texts) {
        if (texts.isEmpty()) {
            return null;
        }
        int negative = (int) texts.stream().filter(Text::negative).count();
        return Kpis.ratio(negative, texts.size());
    }
}
