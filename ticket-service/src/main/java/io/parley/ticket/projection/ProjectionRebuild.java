package io.parley.ticket.projection;

import io.parley.events.Event;
import io.parley.events.Topics;
import io.parley.events.kafka.LogReplay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
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
        LogReplay.Replayed replayed = new LogReplay(bootstrapServers)
                .toEnd(Topics.CONVERSATION_EVENTS, value -> true, this::project);
        String hash = stateHash();
        LOG.infof("projection rebuilt from %d events (%d records skipped), state hash %s", replayed.events(),
                replayed.skipped(), hash);
        return new Result(replayed.events(), replayed.skipped(), hash);
    }

    /** A digest of every projected row: equal digests, equal projections. */
    public String stateHash() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery(STATE_HASH, String.class).getSingleResult())));
    }

    private void project(Event event) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> projector.project(event));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("replaying event " + event.id() + " into the projection failed", e);
        }
    }
}
