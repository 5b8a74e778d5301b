package io.parley.ticket.projection;

import io.parley.edge.consumer.Failure;
import io.parley.edge.consumer.FailurePolicy;
import io.parley.edge.jdbc.JdbcTransaction;
import io.parley.events.Event;
import io.parley.events.Topics;
import io.parley.events.kafka.LogReplay;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Drops the projection and replays conversation-events from offset 0 up to the end offsets of the moment the rebuild
 * starts, in batches of {@value #BATCH} events per transaction. Reading and decoding the next batch overlaps writing
 * the previous one (a writer thread, one batch ahead at most, in log order), so the two cores share the work instead
 * of taking turns. The live consumer keeps running: both write through
 * the same idempotent {@link Projector}, serialised per conversation by its row lock, and the fold does not care in
 * which order it sees events; the truncate waits for the live batch in flight and holds the next one back until it
 * commits ({@link #LOCK_BEFORE_TRUNCATE}). Reactions are not appended again during a replay: they are in the log already.
 */
@ApplicationScoped
public class ProjectionRebuild {

    private static final Logger LOG = Logger.getLogger(ProjectionRebuild.class);
    /** Events per transaction: like one poll of the live consumer ({@code max.poll.records}). */
    private static final int BATCH = 500;
    /**
     * Every {@link Projector} transaction touches {@code conversations} first (ensuring and locking the batch's rows),
     * so the rebuild takes that table first too: once it holds it no live projection write holds any other projected
     * table, and none starts until the truncate commits. Truncating in another order (it locks the tables one at a
     * time, in the order named) took {@code processed_events} and then waited for {@code conversations} while a live
     * batch held {@code conversations} and waited for {@code processed_events}: PostgreSQL broke the deadlock by
     * failing one of the two, often the rebuild.
     */
    private static final String LOCK_BEFORE_TRUNCATE = "lock table conversations in access exclusive mode";
    private static final String TRUNCATE = "truncate conversations, processed_events, messages, message_statuses,"
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
    private final DataSource dataSource;
    private final String bootstrapServers;

    ProjectionRebuild(Projector projector, DataSource dataSource,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.projector = projector;
        this.dataSource = dataSource;
        this.bootstrapServers = bootstrapServers;
    }

    public record Result(long records, long skipped, String stateHash) {
    }

    /** Blocks until the replay reached the end offsets taken at its start; call it off the event loop. */
    public Result rebuild() throws Throwable {
        JdbcTransaction.run(dataSource, connection -> {
            try (Statement truncate = connection.createStatement()) {
                truncate.execute(LOCK_BEFORE_TRUNCATE);
                return truncate.executeUpdate(TRUNCATE);
            }
        });
        LogReplay.Replayed replayed;
        Batches batches = new Batches();
        try {
            replayed = new LogReplay(bootstrapServers).toEnd(Topics.CONVERSATION_EVENTS, value -> true, batches::add);
            batches.flush();
            batches.awaitWritten();
        } finally {
            batches.stopWriter();
        }
        String hash = stateHash();
        long skipped = replayed.skipped() + batches.unprojectable;
        LOG.infof("projection rebuilt from %d events (%d records skipped), state hash %s",
                replayed.events() - batches.unprojectable, skipped, hash);
        return new Result(replayed.events() - batches.unprojectable, skipped, hash);
    }

    /** A digest of every projected row: equal digests, equal projections. */
    public String stateHash() throws SQLException {
        return JdbcTransaction.run(dataSource, connection -> {
            try (Statement select = connection.createStatement(); ResultSet hash = select.executeQuery(STATE_HASH)) {
                hash.next();
                return hash.getString(1);
            }
        });
    }

    /**
     * The replayed events, {@value #BATCH} to a transaction, written on {@link #writer} while the next batch is read.
     * Should a batch fail, its events are projected one at a time, and one that fails alone for a reason of its own
     * (not a dependency away) is skipped: the live consumer parked it in the dead-letter topic when it met it. A
     * dependency away fails the rebuild; run it again.
     */
    private final class Batches {
        private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "projection-rebuild-writer");
            thread.setDaemon(true);
            return thread;
        });
        private final List<Event> batch = new ArrayList<>(BATCH);
        private Future<?> written = CompletableFuture.completedFuture(null);
        /** Written by the writer thread only; read after {@link #awaitWritten}. */
        private long unprojectable;

        void add(Event event) {
            batch.add(event);
            if (batch.size() == BATCH) {
                flush();
            }
        }

        /** Hands the batch to the writer once the previous one is written: one batch ahead of the writer at most. */
        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            List<Event> events = List.copyOf(batch);
            batch.clear();
            awaitWritten();
            written = writer.submit(() -> write(events));
        }

        /**
         * Stops the writer and waits for the batch it is writing, so a rebuild that failed while reading has no write
         * of its own still running when it returns.
         */
        void stopWriter() throws InterruptedException {
            writer.shutdownNow();
            if (!writer.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.warn("the projection rebuild's writer did not stop within a minute of the rebuild ending");
            }
        }

        /** Waits for the batch being written; rethrows what failed the rebuild. */
        void awaitWritten() {
            try {
                written.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while rebuilding the projection", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
            }
        }

        private void write(List<Event> events) {
            try {
                projector.project(events);
            } catch (Throwable batchFailure) {
                FailurePolicy.rethrowIfFatal(batchFailure);
                events.forEach(this::projectAlone);
            }
        }

        private void projectAlone(Event event) {
            try {
                projector.project(event);
            } catch (Throwable failure) {
                FailurePolicy.rethrowIfFatal(failure);
                if (FailurePolicy.classify(failure) == Failure.TRANSIENT) {
                    throw new IllegalStateException("replaying event " + event.id() + " into the projection failed",
                            failure);
                }
                unprojectable++;
                LOG.warnf("skipped event %s, which cannot be projected: %s", event.id(), failure);
            }
        }
    }
}
