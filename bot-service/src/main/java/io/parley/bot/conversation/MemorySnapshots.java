package io.parley.bot.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parley.events.envelope.EventCodec;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;

/**
 * Where an idle conversation's memory goes when the bot evicts it, and comes back from when the conversation returns
 * (PostgreSQL, table {@code conversation_snapshot}); and how far that saved memory covers each partition of the log
 * (table {@code memory_checkpoint}), where a start folds the partition from. Blocking: call from a worker thread.
 * A failure is the database being away; the consumer's failure policy retries it.
 */
@ApplicationScoped
public class MemorySnapshots {

    private static final String UPSERT_MEMORY = "insert into conversation_snapshot (conversation_id, memory, saved_at)"
            + " values ($1, $2, $3) on conflict (conversation_id) do update"
            + " set memory = excluded.memory, saved_at = excluded.saved_at";
    /** A checkpoint never moves back: a slower instance that held the partition before does not undo a newer one. */
    private static final String UPSERT_CHECKPOINT = "insert into memory_checkpoint"
            + " (topic, kafka_partition, folded_until, saved_at) values ($1, $2, $3, $4)"
            + " on conflict (topic, kafka_partition) do update set folded_until = excluded.folded_until,"
            + " saved_at = excluded.saved_at where memory_checkpoint.folded_until < excluded.folded_until";
    private static final String SELECT_CHECKPOINTS =
            "select kafka_partition, folded_until from memory_checkpoint where topic = $1";

    private final Pool database;

    public MemorySnapshots(Pool database) {
        this.database = database;
    }

    /**
     * Saves these conversations' memory in one transaction, replacing what was saved of them before. One batched
     * statement (pipelined by the client), not an entity merge each: a checkpoint after a partition was folded from
     * its beginning saves every conversation of it.
     */
    public void save(Map<String, ConversationMemory> memories) {
        if (memories.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Tuple> rows = new ArrayList<>(memories.size());
        memories.forEach((id, memory) -> rows.add(Tuple.of(id, write(memory), now)));
        await(database.withTransaction(connection -> connection.preparedQuery(UPSERT_MEMORY).executeBatch(rows)),
                "save the memory of " + memories.size() + " conversations");
    }

    /**
     * Records that the saved memory covers each partition up to its offset. Call only once the memory of every
     * conversation of those partitions changed before that offset is saved.
     */
    public void checkpoint(Map<TopicPartition, Long> foldedUntil) {
        if (foldedUntil.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Tuple> rows = foldedUntil.entrySet().stream().map(entry -> Tuple.of(entry.getKey().topic(),
                entry.getKey().partition(), entry.getValue(), now)).toList();
        await(database.withTransaction(connection -> connection.preparedQuery(UPSERT_CHECKPOINT).executeBatch(rows)),
                "checkpoint " + foldedUntil.keySet());
    }

    /** How far the saved memory covers each of these partitions, for those it covers at all. */
    public Map<TopicPartition, Long> checkpoints(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> found = new HashMap<>();
        for (String topic : partitions.stream().map(TopicPartition::topic).distinct().toList()) {
            await(database.preparedQuery(SELECT_CHECKPOINTS).execute(Tuple.of(topic)),
                    "read the checkpoints of " + topic).forEach(row -> {
                        TopicPartition partition = new TopicPartition(topic, row.getInteger("kafka_partition"));
                        if (partitions.contains(partition)) {
                            found.put(partition, row.getLong("folded_until"));
                        }
                    });
        }
        return found;
    }

    /** The memory saved when the conversation was evicted; empty if it never was. */
    public Optional<ConversationMemory> load(String conversationId) {
        ConversationSnapshot snapshot = await(() -> Panache.withSession(() ->
                ConversationSnapshot.<ConversationSnapshot>findById(conversationId)), "read conversation " + conversationId);
        return Optional.ofNullable(snapshot).map(found -> read(found.memory));
    }

    /**
     * Runs the work on a Vert.x context of its own and waits. The Uni is built inside that context: Panache looks the
     * context up when {@code withSession} is called, not when the Uni is subscribed, and the consumer's threads have none.
     */
    private static <T> T await(Uni<T> work, String what) {
        try {
            return work.await().indefinitely();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot " + what + " (conversation_snapshot): " + e.getMessage(), e);
        }
    }

    private static <T> T await(Supplier<Uni<T>> work, String what) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot " + what + " (conversation_snapshot): " + e.getMessage(), e);
        }
    }

    private static String write(ConversationMemory memory) {
        try {
            return EventCodec.mapper().writeValueAsString(memory);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a conversation's memory as JSON: " + e.getMessage(), e);
        }
    }

    private static ConversationMemory read(String json) {
        try {
            return EventCodec.mapper().readValue(json, ConversationMemory.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a saved conversation memory: " + e.getMessage(), e);
        }
    }
}
