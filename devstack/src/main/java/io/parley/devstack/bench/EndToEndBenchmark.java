package io.parley.devstack.bench;

import io.parley.devstack.simulate.Mix;
import io.parley.devstack.simulate.Schedule;
import io.parley.devstack.simulate.Simulation;
import io.parley.devstack.simulate.Summary;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code parley bench e2e}: the whole platform with its demo tenant, driven by the simulator at a fixed rate (no
 * agents: the figure is the bot's). Latency is from the webhook being due to the bot's reply handed to the channel;
 * {@code drain_s} is how long after the last message every consumer group's lag is back to zero (sampled every
 * {@link #LAG_SAMPLE}).
 */
public final class EndToEndBenchmark {

    /**
     * One platform, its URLs as the simulator and the lag sampler need them, and its bot instances' own URLs for their
     * decision times (none: no {@link Step#botDecisions}).
     */
    public record Target(String gatewayUrl, String graphArrivalsUrl, String callbackArrivalsUrl,
                         String bootstrapServers, List<String> botUrls) {
    }

    /** One measured rate, and how long the bot took to decide during it (when its instances could be read). */
    public record Step(double rate, Simulation.Result result, Optional<Duration> drain,
                       Optional<BotDecisionTimes.Figures> botDecisions) {

        public Step(double rate, Simulation.Result result, Optional<Duration> drain) {
            this(rate, result, drain, Optional.empty());
        }

        public String line() {
            var summary = result.summary();
            return String.format(Locale.ROOT, "rate=%s sent=%d answered=%d lost=%d duplicated=%d p50_ms=%.1f"
                            + " p99_ms=%.1f drain_s=%s", rate == Math.rint(rate) ? Long.toString((long) rate)
                            : Double.toString(rate), summary.sent(), summary.answered(), summary.lost(),
                    summary.duplicated(), summary.botReply().p50(), summary.botReply().p99(),
                    drain.map(d -> String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0)).orElse("never"));
        }
    }

    private static final Duration LAG_SAMPLE = Duration.ofMillis(250);
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(30);
    /** How long after the answers to keep waiting for the lag to reach zero. */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(120);
    /** The warm-up ends once a round's answers come back within this (p99). */
    private static final double WARM_P99_MS = 1000;
    /** A rate's p99 must stay under this to count as within capacity. */
    private static final double CAPACITY_P99_MS = 1000;

    private EndToEndBenchmark() {
    }

    /**
     * Warms the platform up: a freshly started one trains the bot and compiles its hot paths during its first minute,
     * which would be measured otherwise. Customers write at 5/s until every message is acknowledged and answers come
     * back quickly (at most 3 rounds); each round's line goes to {@code details}.
     */
    public static void warmUp(Target target, PrintWriter details, PrintStream progress) throws Exception {
        for (int round = 1; round <= 3; round++) {
            Step step = measure(target, 5, Duration.ofSeconds(10), progress);
            details.println("warm-up " + round + ": " + step.line());
            details.flush();
            if (warm(step.result().summary())) {
                return;
            }
        }
    }

    /**
     * Nothing refused or lost, and answers within a second. A round whose webhooks all timed out has no loss and no
     * reply latency either, so it must not pass for warm: a platform still training its bot answers nothing.
     */
    static boolean warm(Summary summary) {
        return summary.sent() > 0 && summary.acknowledged() == summary.sent() && summary.answered() > 0
                && summary.lost() == 0 && summary.botReply().p99() < WARM_P99_MS;
    }

    public static Step measure(Target target, double rate, Duration duration, PrintStream progress)
            throws Exception {
        return measure(target, rate, new Simulation.Settings(new Schedule(rate, duration), Mix.parse(Mix.DEFAULT),
                (int) Math.max(2000, rate * 10), List.of("en", "es", "zh", "ru"), 1, 0, ANSWER_WAIT), progress);
    }

    /** One simulation as {@code settings} says (at {@code rate}), with the drain after it. */
    public static Step measure(Target target, double rate, Simulation.Settings settings, PrintStream progress)
            throws Exception {
        ConcurrentLinkedDeque<Instant> drained = new ConcurrentLinkedDeque<>();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Optional<BotDecisionTimes.Snapshot> decidedBefore = BotDecisionTimes.read(target.botUrls());
        Thread sampler = new Thread(() -> sampleLag(target.bootstrapServers(), drained, sampling), "bench-lag");
        sampler.setDaemon(true);
        sampler.start();
        Simulation.Result result;
        try {
            result = Simulation.run(target.gatewayUrl(), target.graphArrivalsUrl(), target.callbackArrivalsUrl(),
                    settings, progress);
            long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
            while (drained.stream().noneMatch(at -> !at.isBefore(result.lastDue())) && System.nanoTime() < deadline) {
                Thread.sleep(LAG_SAMPLE.toMillis());
            }
        } finally {
            sampling.set(false);
            sampler.join();
        }
        Optional<Duration> drain = drained.stream().filter(at -> !at.isBefore(result.lastDue())).findFirst()
                .map(at -> Duration.between(result.lastDue(), at));
        Optional<BotDecisionTimes.Figures> decisions = decidedBefore.flatMap(before -> BotDecisionTimes
                .read(target.botUrls()).flatMap(after -> BotDecisionTimes.between(before, after)));
        return new Step(rate, result, drain, decisions);
    }

    /**
     * Steps the rate up by half each time from {@code from}, each for {@code duration}, until a step's p99 passes 1 s
     * or it loses messages; answers the last step within capacity (empty if even the first was not).
     */
    public static Optional<Step> findCapacity(Target target, double from, Duration duration, PrintWriter details,
                                              PrintStream progress) throws Exception {
        Optional<Step> within = Optional.empty();
        for (double rate = from; ; rate = Math.round(rate * 1.5)) {
            Step step = measure(target, rate, duration, progress);
            step.botDecisions().ifPresent(decisions -> details.println(decisions.line()));
            details.println(step.line());
            details.flush();
            if (step.result().summary().botReply().p99() >= CAPACITY_P99_MS || step.result().summary().lost() > 0) {
                return within;
            }
            within = Optional.of(step);
        }
    }

    /** Records each moment every group's lag was zero, until told to stop (and a last sample after that). */
    private static void sampleLag(String bootstrapServers, ConcurrentLinkedDeque<Instant> drained,
                                  AtomicBoolean sampling) {
        try (ConsumerLag lag = new ConsumerLag(bootstrapServers)) {
            boolean last = false;
            while (!last) {
                last = !sampling.get();
                Instant at = Instant.now();
                if (lag.perGroup().values().stream().allMatch(behind -> behind == 0)) {
                    drained.add(at);
                }
                Thread.sleep(LAG_SAMPLE.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // no sample: drain_s reads "never", which says as much
        }
    }
}
