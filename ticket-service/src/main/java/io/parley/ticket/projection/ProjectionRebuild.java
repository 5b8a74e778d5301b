package io.parley.ticket.projection;

import io.parley.events.Event;
import io.parley.events.Topics;
import io.parley.events.envelope.EventCodec;
import io.parley.events.envelope.MalformedEventException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Drops the projection and replays conversation-events from offset 0 up to the end offsets of the moment the rebuild
 * starts. The live consumer keeps running: both write through the same idempotent {@link Projector}, serialised per
 * conversation by its row lock, and the fold does not care in which order it sees events. Reactions are not appended
 * again during a replay: they are in the log already.
 */
@ApplicationScoped
public class ProjectionRebuild {

    private static final Logger LOG = Logger.getLogger(ProjectionRebuild.class);
    private static final String TRUNCATE = "truncate processed_events, conversations, messages, message_statuses,"
            + " notes, tickets, csat_responses, suggestions";
    static final String STATE_HASH = """
            select coalesce(md5(string_agg(h, '' order by h)), '') from (
              select 'c' || md5(row(id, tenant, channel, contact_user_id, contact_name, contact_phone, status, mode,
                  assignee, team, queue_position, priority, language, labels, ticket_id, last_customer_message_at,
                  last_agent_message_at, awaiting_reply_since, last_activity_at, csat_score)::text) h from conversations
              union all select 'm' || md5(m::text) from messages m
              union all select 's' || md5(s::text) from message_statuses s
              union all select 'n' || md5(n::text) from notes n
              union all select 't' || md5(t::text) from tickets t
              union all select 'q' || md5(q::text) from csat_responses q
              union all select 'g' || md5(g::text) from suggestions g
            ) all_rows""";

    private final Projector projector;
    private final String bootstrapServers;

    ProjectionRebuild(Projector projector,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.projector = projector;
        this.bootstrapServers = bootstrapServers;
    }

    public record Result(long records, long skipped, String stateHash) {
    }

    /** Blocks until the replay reached the end offsets taken at its start; call it off the event loop. */
    public Result rebuild() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery(TRUNCATE).executeUpdate())));
        long records = 0;
        long skipped = 0;
        try (KafkaConsumer<String, byte[]> consumer = replayConsumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CONVERSATION_EVENTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            end.entrySet().removeIf(entry -> consumer.position(entry.getKey()) >= entry.getValue());
            while (!end.isEmpty()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Optional<Event> event = decode(record);
                    if (event.isPresent()) {
                        VertxContextSupport.subscribeAndAwait(() -> projector.project(event.get()));
                        records++;
                    } else {
                        skipped++;
                    }
                }
                end.entrySet().removeIf(entry -> consumer.position(entry.getKey()) >= entry.getValue());
            }
        }
        String hash = stateHash();
        LOG.infof("projection rebuilt from %d events (%d records skipped), state hash %s", records, skipped, hash);
        return new Result(records, skipped, hash);
    }

    /** A digest of every projected row: equal digests, equal projections. */
    public String stateHash() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery(STATE_HASH, String.class).getSingleResult())));
    }

    private static Optional<Event> decode(ConsumerRecord<String, byte[]> record) {
        try {
            return EventCodec.decode(record.value());
        } catch (MalformedEventException e) {
            return Optional.empty();
        }
    }

    private KafkaConsumer<String, byte[]> replayConsumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "ticket-service-rebuild-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500),
                new StringDeserializer(), new ByteArrayDeserializer());
    }
}
