package io.parley.events.sla;

import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.conversation.ConversationEvent.SlaMetric;
import io.parley.events.conversation.ConversationStatus;
import io.parley.events.state.ConversationState;
import io.parley.events.workspace.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The SLA policies (one per priority) and the reply clocks they run, written once for every service: the ticket
 * service plans its breach timers with {@link #replyDue}, analytics counts "at risk" with the same function over the
 * same targets. A tenant's policies are those its workspace sets ({@code parley.workspace.sla-policy-set.v1}, from the
 * workspace-administration API) over the shared configuration keys {@code parley.tickets.sla.<priority>.*} ({@link
 * #read}) over {@link #DEFAULTS} ({@link #of}), so the two services cannot disagree.
 */
public final class SlaPolicies {

    /** Messaging-style SLAs: 90% within minutes, wall clock. */
    public static final Map<Priority, SlaTargets> DEFAULTS = Map.of(
            Priority.URGENT, new SlaTargets(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofHours(4), false,
                    90),
            Priority.HIGH, new SlaTargets(Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofHours(8), false, 90),
            Priority.NORMAL, new SlaTargets(Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofHours(24), false,
                    90),
            Priority.LOW, new SlaTargets(Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(72), false, 90));

    /** The configuration keys' prefix: {@code parley.tickets.sla.normal.first-reply=PT5M} and so on. */
    public static final String CONFIG_PREFIX = "parley.tickets.sla.";

    /** When a reply is due: the policy (priority wire name) and metric whose clock runs, and its deadline. */
    public record ReplyDue(String policy, SlaMetric metric, Instant dueAt) {
    }

    private SlaPolicies() {
    }

    /** A tenant's policies: those its workspace sets, by priority, over the configured ones. */
    public static Map<Priority, SlaTargets> of(Map<Priority, SlaTargets> configured, Workspace workspace) {
        if (workspace.slaPolicies().isEmpty()) {
            return configured;
        }
        Map<Priority, SlaTargets> policies = new EnumMap<>(Priority.class);
        policies.putAll(configured);
        for (Priority priority : Priority.values()) {
            SlaTargets own = workspace.slaPolicies().get(Priorities.wireName(priority));
            if (own != null) {
                policies.put(priority, own);
            }
        }
        return policies;
    }

    /** The targets of a priority; a priority without its own policy is served as normal. */
    public static SlaTargets targetsFor(Map<Priority, SlaTargets> policies, Priority priority) {
        SlaTargets targets = policies.get(priority);
        return targets != null ? targets : policies.get(Priority.NORMAL);
    }

    /**
     * The policies the shared keys set, over the defaults: {@code <priority>.first-reply}, {@code next-reply},
     * {@code resolution} (ISO durations), {@code business-hours} (true/false) and {@code goal-percent}. Each key
     * sets its own field alone; the fields without a key keep the default's. The ticket service and analytics both
     * read them here.
     */
    public static Map<Priority, SlaTargets> read(Function<String, Optional<String>> config) {
        Map<Priority, SlaTargets> policies = new EnumMap<>(Priority.class);
        for (Priority priority : Priority.values()) {
            String prefix = CONFIG_PREFIX + Priorities.wireName(priority) + ".";
            SlaTargets base = targetsFor(DEFAULTS, priority);
            Function<String, Optional<String>> key = name -> config.apply(prefix + name).map(String::strip);
            policies.put(priority, new SlaTargets(
                    key.apply("first-reply").map(Duration::parse).orElse(base.firstReply()),
                    key.apply("next-reply").map(Duration::parse).orElse(base.nextReply()),
                    key.apply("resolution").map(Duration::parse).orElse(base.resolution()),
                    key.apply("business-hours").map(value -> Boolean.parseBoolean(value.toLowerCase(Locale.ROOT)))
                            .orElse(base.businessHours()),
                    key.apply("goal-percent").map(Integer::parseInt).orElse(base.goalPercent())));
        }
        return Map.copyOf(policies);
    }

    /**
     * The reply clock running for a conversation now, if any: while it is open or pending and the customer awaits a
     * reply, from the later of that wait's start and the handoff, the first-reply target until an agent has written
     * (unless already breached), the next-reply target after; in business time where the policy or the team's
     * {@code slaPolicy} counts business hours.
     */
    public static Optional<ReplyDue> replyDue(ConversationState state, Map<Priority, SlaTargets> policies,
            BusinessCalendar calendar) {
        ConversationStatus status = state.status();
        Instant awaiting = state.awaitingAgentReplySince();
        if (state.tenant() == null || awaiting == null
                || (status != ConversationStatus.OPEN && status != ConversationStatus.PENDING)) {
            return Optional.empty();
        }
        Priority priority = Priorities.of(state);
        String policy = Priorities.wireName(priority);
        SlaTargets targets = targetsFor(policies, priority);
        Instant handoff = state.handoff() == null ? null : state.handoff().stamp().time();
        Instant since = handoff == null || awaiting.isAfter(handoff) ? awaiting : handoff;
        boolean first = state.lastAgentMessageAt() == null;
        SlaMetric metric = first ? SlaMetric.FIRST_REPLY : SlaMetric.NEXT_REPLY;
        if (first && state.slaBreaches().contains(new ConversationState.SlaBreach(policy, metric))) {
            return Optional.empty();
        }
        Instant due = calendar.deadline(state.tenant(), state.team(), since, targets.target(metric),
                targets.businessHours());
        return Optional.of(new ReplyDue(policy, metric, due));
    }
}
