package io.parley.devstack.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long the bot took to decide its reactions during a benchmark step, read from the histogram buckets every bot
 * instance publishes on {@code /q/metrics} ({@code parley_bot_decision_seconds}: wall clock;
 * {@code parley_bot_decision_cpu_seconds}: the deciding thread's CPU time), once before the step and once after: the
 * difference is the step's. Wall clock minus CPU time is the time the decision waited for a core (and a flow's HTTP
 * step, for the messages that run one), which is what sets the bot's figure apart from the load around it. Percentiles
 * are bucket upper bounds (Micrometer's buckets are 9-33 % apart in this range), so a figure reads "at most". A bot
 * instance that restarted during the step (its counts start again) leaves the step without figures.
 */
public final class BotDecisionTimes {

    private static final Pattern BUCKET = Pattern.compile(
            "^parley_bot_decision(_cpu)?_seconds_bucket\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
    private static final Pattern LE = Pattern.compile("(?:^|,)le=\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Cumulative counts by upper bound (seconds), summed over the bot instances. */
    record Histogram(NavigableMap<Double, Double> cumulative) {

        Histogram minus(Histogram earlier) {
            NavigableMap<Double, Double> difference = new TreeMap<>();
            cumulative.forEach((bound, count) -> difference.put(bound,
                    count - earlier.cumulative.getOrDefault(bound, 0.0)));
            return new Histogram(difference);
        }

        /** A count that went down: an instance restarted in between and its counts started again. */
        boolean anyNegative() {
            return cumulative.values().stream().anyMatch(count -> count < 0);
        }

        long count() {
            return cumulative.isEmpty() ? 0 : Math.round(cumulative.lastEntry().getValue());
        }

        /** The upper bound, in ms, of the bucket holding the {@code quantile}'s observation (nearest rank). */
        double quantileMs(double quantile) {
            double rank = Math.ceil(quantile * count());
            return cumulative.entrySet().stream().filter(bucket -> bucket.getValue() >= rank).findFirst()
                    .map(bucket -> bucket.getKey() * 1000).orElse(Double.POSITIVE_INFINITY);
        }
    }

    /** Both histograms at one moment. */
    public record Snapshot(Histogram wall, Histogram cpu) {
    }

    /** One step's decisions: how many, and their wall-clock and CPU percentiles in ms. */
    public record Figures(long decisions, double p50Ms, double p99Ms, double cpuP50Ms, double cpuP99Ms) {

        public String line() {
            return String.format(Locale.ROOT, "bot_decision n=%d p50_ms<=%.1f p99_ms<=%.1f cpu_p50_ms<=%.1f"
                    + " cpu_p99_ms<=%.1f", decisions, p50Ms, p99Ms, cpuP50Ms, cpuP99Ms);
        }
    }

    private BotDecisionTimes() {
    }

    /** Reads every bot instance's buckets; empty when one cannot be read (the step's figures are then left out). */
    public static Optional<Snapshot> read(List<String> botUrls) {
        StringBuilder all = new StringBuilder();
        for (String url : botUrls) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/q/metrics"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    return Optional.empty();
                }
                all.append(response.body()).append('\n');
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.of(parse(all.toString()));
    }

    /** The buckets in Prometheus text (several instances' pages one after the other are summed). */
    static Snapshot parse(String prometheusText) {
        Map<Boolean, NavigableMap<Double, Double>> byCpu = Map.of(false, new TreeMap<>(), true, new TreeMap<>());
        Matcher bucket = BUCKET.matcher(prometheusText);
        while (bucket.find()) {
            Matcher le = LE.matcher(bucket.group(2));
            if (le.find()) {
                double bound = le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
                byCpu.get(bucket.group(1) != null).merge(bound, Double.parseDouble(bucket.group(3)), Double::sum);
            }
        }
        return new Snapshot(new Histogram(byCpu.get(false)), new Histogram(byCpu.get(true)));
    }

    /** The decisions made between two snapshots; empty when there were none. */
    public static Optional<Figures> between(Snapshot before, Snapshot after) {
        Histogram wall = after.wall().minus(before.wall());
        Histogram cpu = after.cpu().minus(before.cpu());
        if (wall.count() <= 0 || wall.anyNegative() || cpu.anyNegative()) {
            return Optional.empty();
        }
        return Optional.of(new Figures(wall.count(), wall.quantileMs(0.5), wall.quantileMs(0.99),
                cpu.quantileMs(0.5), cpu.quantileMs(0.99)));
    }
}
