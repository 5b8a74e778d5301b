package io.parley.analytics.figures;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tenant's customer words and sentiment, counted per UTC hour as messages are folded (each message once: the
 * timeline has already dropped duplicates), so any period in any time zone sums whole hours without reading the
 * messages again. Hours are UTC so that the counts do not depend on when the tenant's zone was set.
 */
public final class VoiceOfCustomer {

    /** Per hour (epoch hour) → language → word → count. */
    private final TreeMap<Long, Map<String, Map<String, Integer>>> words = new TreeMap<>();
    /** Per hour → [messages scored, negative messages]. */
    private final TreeMap<Long, long[]> sentiment = new TreeMap<>();

    public record Snapshot(Map<Long, Map<String, Map<String, Integer>>> words, Map<Long, long[]> sentiment) {
    }

    public void count(Instant at, String language, String text) {
        long hour = hourOf(at);
        List<String> found = CustomerWords.words(language, text);
        Map<String, Integer> counts = words.computeIfAbsent(hour, h -> new HashMap<>())
                .computeIfAbsent(language, l -> new HashMap<>());
        found.forEach(word -> counts.merge(word, 1, Integer::sum));
        long[] scored = sentiment.computeIfAbsent(hour, h -> new long[2]);
        scored[0]++;
        if (CustomerWords.negative(language, found)) {
            scored[1]++;
        }
    }

    /** Word counts per language over the whole hours that start inside the period. */
    public Map<String, Map<String, Integer>> words(Period period) {
        Map<String, Map<String, Integer>> total = new HashMap<>();
        if (firstHour(period) > lastHour(period)) {
            return total;
        }
        words.subMap(firstHour(period), true, lastHour(period), true).values().forEach(byLanguage ->
                byLanguage.forEach((language, counts) -> counts.forEach((word, count) ->
                        total.computeIfAbsent(language, l -> new HashMap<>()).merge(word, count, Integer::sum))));
        return total;
    }

    /** [messages scored, negative] over the whole hours that start inside the period. */
    public long[] sentiment(Period period) {
        long[] total = new long[2];
        if (firstHour(period) > lastHour(period)) {
            return total;
        }
        sentiment.subMap(firstHour(period), true, lastHour(period), true).values().forEach(counts -> {
            total[0] += counts[0];
            total[1] += counts[1];
        });
        return total;
    }

    public Snapshot snapshot() {
        return new Snapshot(new TreeMap<>(words), new TreeMap<>(sentiment));
    }

    public void restore(Snapshot snapshot) {
        words.clear();
        sentiment.clear();
        snapshot.words().forEach((hour, byLanguage) -> {
            Map<String, Map<String, Integer>> copy = new HashMap<>();
            byLanguage.forEach((language, counts) -> copy.put(language, new HashMap<>(counts)));
            words.put(hour, copy);
        });
        snapshot.sentiment().forEach((hour, counts) -> sentiment.put(hour, counts.clone()));
    }

    private static long firstHour(Period period) {
        return hourOf(period.from().plusSeconds(3599));
    }

    private static long lastHour(Period period) {
        return hourOf(period.to().minusNanos(1));
    }

    static long hourOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), Duration.ofHours(1).toSeconds());
    }
}
