package io.parley.analytics.figures;

import java.util.List;

/** Summary statistics of durations in seconds; null figures when there is no data. */
public record Stats(Double p50Seconds, Double p90Seconds, Double meanSeconds, int count) {

    public static Stats of(List<Double> seconds) {
        if (seconds.isEmpty()) {
            return new Stats(null, null, null, 0);
        }
        double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double mean = 0;
        for (double value : sorted) {
            mean += value;
        }
        return new Stats(percentile(sorted, 50), percentile(sorted, 90), round(mean / sorted.length), sorted.length);
    }

    /** Nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
    static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return round(sorted[Math.max(0, rank - 1)]);
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
