package io.parley.ticket.viewers;

import io.parley.events.Event;
import io.parley.events.agent.AgentActivity.Viewing;
import io.parley.events.envelope.EventCodec;
import io.parley.events.envelope.MalformedEventException;
import io.parley.ticket.lifecycle.Reaction;
import io.parley.ticket.publish.Channels;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.SerializedProcessor;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Who has which conversation open, shared by every instance through {@code agent-activity}: each instance reads it
 * from its end (a consumer group of its own), keeps the viewers in memory and announces changes to its live streams.
 * A heartbeat is also applied here at once, so the agent who sent it sees themselves in the next read; its copy read
 * back from the topic is then skipped, or an agent who had just closed the conversation would reappear until the
 * close came round too.
 */
@ApplicationScoped
public class ViewerFeed {

    private static final Logger LOG = Logger.getLogger(ViewerFeed.class);

    @Inject
    @Channel(Channels.AGENT_ACTIVITY_OUT)
    MutinyEmitter<Event> activity;

    @Inject
    Clock clock;

    private final Viewers viewers;
    /** Serialised: changes come from HTTP threads, the Kafka thread and the sweeper at once. */
    private final SerializedProcessor<Viewers.Change, Viewers.Change> changes =
            BroadcastProcessor.<Viewers.Change>create().serialized();
    /** Ids of the events this instance sent and has not read back yet. */
    private final Set<String> sentHere = ConcurrentHashMap.newKeySet();

    @Inject
    public ViewerFeed(@ConfigProperty(name = "parley.viewers.ttl", defaultValue = "45s") Duration ttl) {
        this.viewers = new Viewers(ttl);
    }

    /** Says that {@code agentId} has (or no longer has) the conversation open; completes once Kafka has it. */
    public Uni<List<Viewers.Viewer>> publish(String tenant, String conversationId, String agentId, boolean open) {
        Event event = new Event(UUID.randomUUID().toString(), Reaction.SOURCE, agentId, clock.instant(), tenant, null,
                new Viewing(agentId, conversationId, open));
        sentHere.add(event.id());
        heard(event);
        return activity.sendMessage(Message.of(event).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(agentId).build()))
                .onFailure().invoke(() -> sentHere.remove(event.id()))
                .map(ignored -> viewers.of(tenant, conversationId, clock.instant()));
    }

    public List<Viewers.Viewer> of(String tenant, String conversationId) {
        return viewers.of(tenant, conversationId, clock.instant());
    }

    public Multi<Viewers.Change> changesOf(String tenant) {
        return Multi.createFrom().publisher(changes).filter(change -> tenant.equals(change.tenant()));
    }

    @Incoming(Channels.AGENT_ACTIVITY_IN)
    public void receive(ConsumerRecord<String, byte[]> record) {
        try {
            EventCodec.decode(record.value()).filter(event -> !sentHere.remove(event.id())).ifPresent(this::heard);
        } catch (MalformedEventException e) {
            // A hint that cannot be read is no loss: the sender's next heartbeat says the same.
            LOG.debugf("Skipped an unreadable agent-activity record at offset %d: %s", record.offset(), e.getMessage());
        }
    }

    @Scheduled(every = "${parley.viewers.sweep-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void expire() {
        viewers.expire(clock.instant()).forEach(changes::onNext);
    }

    private void heard(Event event) {
        // A heartbeat older than the ttl (a lagging reader) would only announce a viewer who is gone already.
        if (event.data() instanceof Viewing viewing && event.tenant() != null
                && !event.time().isBefore(clock.instant().minus(viewers.ttl()))) {
            // stamped with the event's own time, so a lagging reader does not keep a viewer beyond the ttl
            viewers.heard(event.tenant(), viewing.conversationId(), viewing.agentId(), viewing.open(), event.time())
                    .ifPresent(changes::onNext);
        }
    }
}
