package io.parley.bot.conversation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * On {@code /q/metrics}: what the bot emitted (per event type, handoffs per reason), how long reacting to a customer
 * message took, and how long deciding the reaction took, in wall-clock time and in the deciding thread's CPU time: the
 * difference is time spent waiting for a core (and, for a message that runs a flow's HTTP step, the step's call),
 * which is how the decision's cost is told apart from the load around it (docs/performance.md, section bot). Parked
 * records are counted by the shared consumer policy ({@code parley_dead_letters_total}).
 */
@ApplicationScoped
public class BotMetrics {

    private static final String NO_REASON = "none";

    private final MeterRegistry registry;
    private final Timer reactionTime;
    private final Timer decisionTime;
    private final Timer decisionCpuTime;

    public BotMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.reactionTime = Timer.builder("parley.bot.reaction")
                .description("time from reading a customer message to its reactions being on the log")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.decisionTime = decisionTimer("parley.bot.decision",
                "time to decide the reactions to a customer message (language detection, classification, dialogue),"
                        + " wall clock");
        this.decisionCpuTime = decisionTimer("parley.bot.decision.cpu",
                "CPU time of the thread deciding the reactions to a customer message");
    }

    /** Histogram buckets, not client-side percentiles, so a benchmark can take the figures of any interval. */
    private Timer decisionTimer(String name, String description) {
        return Timer.builder(name).description(description)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    void decided(long wallNanos, long cpuNanos) {
        decisionTime.record(wallNanos, TimeUnit.NANOSECONDS);
        decisionCpuTime.record(cpuNanos, TimeUnit.NANOSECONDS);
    }

    void reacted(List<Event> reactions, long nanos) {
        reactionTime.record(nanos, TimeUnit.NANOSECONDS);
        for (Event reaction : reactions) {
            String reason = reaction.data() instanceof HandoffRequested handoff ? handoff.reason() : NO_REASON;
            registry.counter("parley.bot.events", "type", reaction.type(), "reason", reason).increment();
        }
    }
}
