package io.parley.devstack.simulate;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/** What a simulation counted and measured; {@link #lines()} prints it. Latencies in milliseconds. */
public record Summary(long sent, long acknowledged, Map<Integer, Integer> refusedByStatus, long answered, long handedOff,
               long assigned, long agentRepliesSent, long agentRepliesDelivered, long lost, long duplicated,
               Latency webhookAck, Latency botReply, Latency assignment, Latency agentReply) {

    /** p50/p90/p99/max of one stage, in milliseconds; {@code count} 0 when nothing was measured. */
    public record Latency(long count, double p50, double p90, double p99, double max) {

        static Latency of(Histogram micros) {
            return new Latency(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
                    ms(micros.getValueAtPercentile(90)), ms(micros.getValueAtPercentile(99)), ms(micros.getMaxValue()));
        }

        private static double ms(long micros) {
            return micros / 1000.0;
        }

        String line(String stage) {
            return count == 0 ? String.format(Locale.ROOT, "  %-34s none measured", stage)
                    : String.format(Locale.ROOT, "  %-34s p50 %8.1f  p90 %8.1f  p99 %8.1f  max %8.1f ms  (n=%d)",
                            stage, p50, p90, p99, max, count);
        }
    }

    String lines() {
        String refused = refusedByStatus.isEmpty() ? "none" : refusedByStatus.entrySet().stream()
                .map(e -> (e.getKey() == 0 ? "no answer" : e.getKey().toString()) + ": " + e.getValue())
                .collect(Collectors.joining(", "));
        return String.join(System.lineSeparator(),
                String.format(Locale.ROOT, "sent %d  acknowledged %d  refused %s", sent, acknowledged, refused),
                String.format(Locale.ROOT, "answered %d  handed off %d  assigned %d  agent replies delivered %d of %d",
                        answered, handedOff, assigned, agentRepliesDelivered, agentRepliesSent),
                String.format(Locale.ROOT, "lost %d  duplicated %d", lost, duplicated),
                "latency per stage:",
                webhookAck.line("webhook acknowledged"),
                botReply.line("webhook -> bot reply at the channel"),
                assignment.line("handoff -> assignment"),
                agentReply.line("agent reply -> channel"));
    }
}
