package io.parley.ticket.workspace.admin;

import io.parley.edge.problem.ApiErrors;
import io.parley.events.Event;
import io.parley.events.EventData;
import io.parley.events.Topics;
import io.parley.events.agent.AgentEvent;
import io.parley.events.agent.AgentEvent.Presence;
import io.parley.events.envelope.EventCodec;
import io.parley.events.kafka.LogFollower;
import io.parley.events.workspace.Workspace;
import io.parley.events.workspace.WorkspaceEvent;
import io.parley.events.workspace.WorkspaceEvent.ChannelSaved;
import io.parley.events.workspace.Workspaces;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every tenant's workspace in this instance's memory, folded from {@code workspace-events} and the profiles and
 * presence of {@code agent-events}, which it follows from the beginning; and the one writer of workspace changes:
 * {@link #append} returns once Kafka acknowledged the changes (acks=all) and this instance has folded them, so the
 * next read shows them. Changes are decided one at a time in this instance; two instances deciding at once could both
 * pass a uniqueness check (docs/reliability.md), though every reader still gives a channel account to its first claim.
 */
@ApplicationScoped
public class WorkspaceLog {

    static final String SOURCE = "/ticket/admin";
    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(10);
    private static final int AUDIT_ENTRIES_KEPT = 200;

    /** One change as the audit trail shows it; a channel's sealed secrets are left out, only when each changed. */
    public record AuditEntry(String eventId, java.time.Instant time, String type, String changedBy, EventData change) {
        static AuditEntry of(Event event, String changedBy) {
            EventData change = event.data() instanceof ChannelSaved channel
                    ? new ChannelSaved(channel.channel(), channel.accountId(), channel.name(), channel.enabled(),
                            channel.settings(), Map.of(), channel.secretsChangedAt(), channel.changedBy())
                    : event.data();
            return new AuditEntry(event.id(), event.time(), event.type(), changedBy, change);
        }
    }

    private final String bootstrapServers;
    private final Clock clock;
    private final Workspaces workspaces = new Workspaces();
    private final Map<String, Map<String, Presence>> presence = new ConcurrentHashMap<>();
    private final Map<String, Deque<AuditEntry>> audit = new ConcurrentHashMap<>();
    private LogFollower follower;
    private KafkaProducer<String, byte[]> producer;

    WorkspaceLog(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.clock = clock;
    }

    void start(@Observes StartupEvent startup) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        follower = new LogFollower(bootstrapServers, List.of(Topics.WORKSPACE_EVENTS, Topics.AGENT_EVENTS),
                "ticket-workspace", this::fold).start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (follower != null) {
            follower.close();
        }
        if (producer != null) {
            producer.close();
        }
    }

    public Workspace workspace(String tenant) {
        return workspaces.tenant(tenant);
    }

    /** Which tenant, if any, has connected a channel account ({@code channel:accountId}). */
    public Optional<String> ownerOf(String accountKey) {
        String[] parts = accountKey.split(":", 2);
        return workspaces.channel(parts[0], parts[1]).map(Workspaces.OwnedChannel::tenant);
    }

    public Presence presenceOf(String tenant, String agentId) {
        return presence.getOrDefault(tenant, Map.of()).getOrDefault(agentId, Presence.OFFLINE);
    }

    /** The newest changes first. */
    public List<AuditEntry> audit(String tenant) {
        Deque<AuditEntry> entries = audit.get(tenant);
        if (entries == null) {
            return List.of();
        }
        synchronized (entries) {
            return new ArrayList<>(entries);
        }
    }

    /** Whether everything in the topics at start has been folded: until then reads could miss settings. */
    public boolean caughtUp() {
        return follower != null && follower.caughtUp();
    }

    /**
     * Appends the changes of a tenant, agent profiles to {@code agent-events} (keyed by agent), the rest to
     * {@code workspace-events} (keyed by tenant), and waits until this instance has folded them.
     */
    public synchronized void append(String tenant, List<EventData> changes) {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (EventData change : changes) {
            boolean agentChange = change instanceof AgentEvent;
            String subject = agentChange ? ((AgentEvent) change).agentId() : tenant;
            Event event = new Event(UUID.randomUUID().toString(), SOURCE, subject, clock.instant(), tenant, null,
                    change);
            // workspace events all go to one partition: every reader folds them in one order (Workspaces)
            sends.add(producer.send(agentChange
                    ? new ProducerRecord<>(Topics.AGENT_EVENTS, subject, EventCodec.encode(event))
                    : new ProducerRecord<>(Topics.WORKSPACE_EVENTS, Topics.WORKSPACE_PARTITION, subject,
                            EventCodec.encode(event))));
        }
        try {
            for (Future<RecordMetadata> send : sends) {
                RecordMetadata written = send.get(APPLIED_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
                if (!follower.awaitApplied(written.topic(), written.partition(), written.offset(), APPLIED_WITHIN)) {
                    throw ApiErrors.unavailable("the change was written but is not visible yet: read "
                            + "again in a moment");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiErrors.unavailable("interrupted while saving the change: check it and retry");
        } catch (ExecutionException | TimeoutException e) {
            throw ApiErrors.unavailable("Kafka did not acknowledge the change (" + e.getMessage()
                    + "): nothing may have been saved; retry");
        }
    }

    private void fold(Event event) {
        workspaces.apply(event);
        if (event.data() instanceof AgentEvent.PresenceChanged changed) {
            presence.computeIfAbsent(event.tenant(), tenant -> new ConcurrentHashMap<>())
                    .put(changed.agentId(), changed.presence());
        }
        String changedBy = event.data() instanceof WorkspaceEvent change ? change.changedBy()
                : event.data() instanceof AgentEvent.ProfileUpdated profile ? profile.changedBy() : null;
        if (changedBy != null) {
            Deque<AuditEntry> entries = audit.computeIfAbsent(event.tenant(), tenant -> new ArrayDeque<>());
            synchronized (entries) {
                entries.addFirst(AuditEntry.of(event, changedBy));
                if (entries.size() > AUDIT_ENTRIES_KEPT) {
                    entries.removeLast();
                }
            }
        }
    }
}
