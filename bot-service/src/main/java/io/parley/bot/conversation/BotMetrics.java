package io.parley.bot.conversation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * On {@code /q/metrics}: what the bot emitted (per event type, handoffs per reason) and how long reacting to a
 * customer message took. Parked records are counted by the shared consumer policy ({@code parley_dead_letters_total}).
 */
@ApplicationScoped
public class BotMetrics {

    private static final String NO_REASON = "none";

    private final MeterRegistry registry;
    private final Timer reactionTime;

    public BotMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.reactionTime = Timer.builder("parley.bot.reaction")
                .description("time from reading a customer message to its reactions being on the log")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    void reacted(List<Event> reactions, long nanos) {
        reactionTime.record(nanos, TimeUnit.NANOSECONDS);
        for (Event reaction : reactions) {
            String reason = reaction.data() instanceof HandoffRequested handoff ? handoff.reason() : NO_REASON;
            registry.counter("parley.bot.events", "type", reaction.type(), "reason", reason).increment();
        }
    }
}
