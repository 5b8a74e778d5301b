package io.parley.analytics.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.parley.analytics.AnalyticsSettings;
import io.parley.analytics.figures.ConversationFacts;
import io.parley.analytics.figures.ConversationTimeline;
import io.parley.analytics.figures.Episode;
import io.parley.analytics.figures.Filter;
import io.parley.analytics.figures.LiveFigures;
import io.parley.analytics.figures.TenantProjection;
import io.parley.analytics.projection.AnalyticsRuntime;
import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent.AuthorKind;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.conversation.ConversationEvent.StatusChanged;
import io.parley.events.conversation.ConversationStatus;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code parley_*} business metrics. Labels are bounded: tenant, team, channel, state, presence, direction; never a
 * conversation or a person. Histograms and counters are fed as events are folded once the start-up backlog is done
 * (so a restart does not count history twice); gauges are refreshed from the projection every few seconds.
 */
@ApplicationScoped
public class BusinessMetrics {

    /** Seconds; the buckets an ops team reads first-response and resolution times in. */
    private static final double[] BUCKETS = {15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400, 28800, 86400,
            259200};

    private final MeterRegistry registry;
    private final ConsumerGroupLag groupLag;
    private final Duration refreshEvery;
    private final MultiGauge conversations;
    private final MultiGauge unattended;
    private final MultiGauge agents;
    private final MultiGauge lag;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "analytics-gauges");
        thread.setDaemon(true);
        return thread;
    });
    private volatile AnalyticsRuntime runtime;

    public BusinessMetrics(MeterRegistry registry, AnalyticsSettings settings,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.registry = registry;
        this.refreshEvery = settings.gaugeInterval();
        this.groupLag = new ConsumerGroupLag(bootstrapServers);
        this.conversations = MultiGauge.builder("parley.conversations.live")
                .description("Conversations now, by state (bot, queued, assigned, pending, snoozed)").register(registry);
        this.unattended = MultiGauge.builder("parley.conversations.unattended")
                .description("Conversations waiting for a first human reply").register(registry);
        this.agents = MultiGauge.builder("parley.agents").description("Agents by presence").register(registry);
        this.lag = MultiGauge.builder("parley.kafka.consumergroup.lag")
                .description("Records not yet read by each consumer group, per topic").register(registry);
    }

    /** Starts the gauges over the running projection. */
    public void watch(AnalyticsRuntime runtime) {
        this.runtime = runtime;
        FunctionCounter.builder("parley.analytics.events.folded", runtime.follower(), f -> f.folded())
                .description("Events that changed the figures").register(registry);
        FunctionCounter.builder("parley.analytics.unreadable", runtime.follower(), f -> f.unreadable())
                .description("Records the projection could not read (parked by the tally on conversation-events,"
                        + " by the projection itself on the other logs)")
                .register(registry);
        FunctionCounter.builder("parley.analytics.checkpoint.failures", runtime.follower(), f -> f.checkpointFailures())
                .description("Checkpoints that could not be saved (PostgreSQL unreachable)").register(registry);
        for (String topic : AnalyticsRuntime.TOPICS) {
            Gauge.builder("parley.analytics.projection.lag", runtime.follower(),
                            f -> f.lag().getOrDefault(topic, 0L))
                    .tags("topic", topic).baseUnit("records")
                    .description("Records of the topic the projection has not folded yet").register(registry);
        }
        Gauge.builder("parley.analytics.live.viewers", runtime.pushes(), p -> p.viewerCount())
                .description("Open live streams").register(registry);
        refresher.scheduleWithFixedDelay(this::refresh, 0, refreshEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Feeds histograms and counters; called on the projection's thread for every event that changed a tenant. */
    public void folded(Event event, TenantProjection tenant, boolean live) {
        if (!live) {
            return;
        }
        Object data = event.data();
        if (!(data instanceof MessageReceived || data instanceof MessageOutbound || data instanceof StatusChanged)) {
            return;
        }
        ConversationTimeline timeline = tenant.read(t -> t.conversation(event.subject()));
        if (timeline == null) {
            return;
        }
        ConversationFacts facts = tenant.read(t -> timeline.facts());
        String channel = timeline.channel() == null ? "unknown" : timeline.channel().wireName();
        Episode episode = facts.currentEpisode();
        String team = facts.team() == null ? "none" : facts.team();
        Tags tags = Tags.of("tenant", tenant.tenant(), "team", team, "channel", channel);
        if (data instanceof MessageReceived) {
            registry.counter("parley.messages", tags.and("direction", "in")).increment();
        } else if (data instanceof MessageOutbound outbound) {
            AuthorKind author = outbound.author() == null ? null : outbound.author().kind();
            registry.counter("parley.messages", tags.and("direction", "out")).increment();
            if ((author == AuthorKind.AGENT || author == AuthorKind.EXTERNAL) && episode != null
                    && event.time().equals(episode.firstHumanReplyAt()) && episode.firstResponse() != null) {
                histogram("parley.first.response", "Time from the request for a person to their first reply", tags)
                        .record(episode.firstResponse().toMillis() / 1000.0);
            }
        } else if (((StatusChanged) data).status() == ConversationStatus.SOLVED
                || ((StatusChanged) data).status() == ConversationStatus.CLOSED) {
            if (episode != null && event.time().equals(episode.resolvedAt())) {
                histogram("parley.resolution", "Time from the customer's first message to the resolution", tags)
                        .record(episode.resolution().toMillis() / 1000.0);
            }
        }
    }

    private DistributionSummary histogram(String name, String description, Tags tags) {
        return DistributionSummary.builder(name).baseUnit("seconds").description(description).tags(tags)
                .serviceLevelObjectives(BUCKETS).register(registry);
    }

    private void refresh() {
        try {
            refreshFigures();
            Map<ConsumerGroupLag.Key, Long> lags = groupLag.read();
            lag.register(lags.entrySet().stream().map(entry -> MultiGauge.Row.of(
                    Tags.of("group", entry.getKey().group(), "topic", entry.getKey().topic()), entry.getValue()))
                    .toList(), true);
        } catch (RuntimeException e) {
            // a gauge refresh failing (broker briefly away) must not end the schedule; the next one retries
        }
    }

    private void refreshFigures() {
        AnalyticsRuntime running = runtime;
        if (running == null) {
            return;
        }
        Instant now = Instant.now();
        List<MultiGauge.Row<?>> conversationRows = new ArrayList<>();
        List<MultiGauge.Row<?>> unattendedRows = new ArrayList<>();
        List<MultiGauge.Row<?>> agentRows = new ArrayList<>();
        for (TenantProjection tenant : running.projection().tenants()) {
            Map<List<String>, Integer> byTeamChannelState = tenant.read(t -> countByTeamChannelState(t, now));
            byTeamChannelState.forEach((key, count) -> conversationRows.add(MultiGauge.Row.of(Tags.of(
                    "tenant", tenant.tenant(), "team", key.get(0), "channel", key.get(1), "state", key.get(2)),
                    count)));
            LiveFigures live = tenant.read(t -> LiveFigures.compute(t, Filter.ALL, now, running.slaRules()));
            unattendedRows.add(MultiGauge.Row.of(Tags.of("tenant", tenant.tenant()), live.unattended().count()));
            agentRows.add(MultiGauge.Row.of(Tags.of("tenant", tenant.tenant(), "presence", "online"),
                    live.agents().online()));
            agentRows.add(MultiGauge.Row.of(Tags.of("tenant", tenant.tenant(), "presence", "away"),
                    live.agents().away()));
            agentRows.add(MultiGauge.Row.of(Tags.of("tenant", tenant.tenant(), "presence", "offline"),
                    live.agents().offline()));
        }
        conversations.register(conversationRows, true);
        unattended.register(unattendedRows, true);
        agents.register(agentRows, true);
    }

    private static Map<List<String>, Integer> countByTeamChannelState(TenantProjection tenant, Instant now) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (ConversationTimeline timeline : tenant.conversations()) {
            var state = timeline.state();
            ConversationStatus status = state.status();
            String label;
            if (status == ConversationStatus.BOT) {
                Instant last = state.lastCustomerMessageAt();
                if (last == null || Duration.between(last, now).compareTo(LiveFigures.BOT_ACTIVE_WITHIN) > 0) {
                    continue;
                }
                label = "bot";
            } else if (status == ConversationStatus.OPEN) {
                label = state.assignee() == null ? "queued" : "assigned";
            } else if (status == ConversationStatus.PENDING || status == ConversationStatus.SNOOZED) {
                label = status.name().toLowerCase(Locale.ROOT);
            } else {
                continue;
            }
            String team = state.team() == null ? "none" : state.team();
            String channel = timeline.channel() == null ? "unknown" : timeline.channel().wireName();
            counts.merge(List.of(team, channel, label), 1, Integer::sum);
        }
        return counts;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        refresher.shutdownNow();
        groupLag.close();
    }
}
