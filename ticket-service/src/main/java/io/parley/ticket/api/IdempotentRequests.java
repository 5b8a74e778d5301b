package io.parley.ticket.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parley.edge.problem.ApiErrors;
import io.parley.events.envelope.EventCodec;
import io.parley.events.ids.EventIds;
import io.parley.ticket.projection.StateJson;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code Idempotency-Key} of the gateway's write endpoints. The first request with a key appends its event under an
 * id derived from the tenant, the key and the request itself, and its answer is kept; a repeat within the retention
 * gets that answer back and appends nothing. Two repeats racing each other both append, but under the same event id,
 * which every fold and the projection ignore the second time. Because the request is part of the id, a key reused for
 * another request (racing the first, or after the retention) appends an event of its own instead of being taken for
 * a repeat and silently dropped.
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 255;

    private static final String FIND = """
            select request, answer from idempotent_requests
            where tenant = :tenant and key = :key and created_at >= :oldest""";
    /** An expired answer not purged yet gives way to the new one. */
    private static final String KEEP = """
            insert into idempotent_requests (tenant, key, request, answer, created_at)
            values (:tenant, :key, :request, :answer, :now)
            on conflict (tenant, key) do update set request = excluded.request, answer = excluded.answer,
              created_at = excluded.created_at
            where idempotent_requests.created_at < :oldest""";
    private static final String PURGE = "delete from idempotent_requests where created_at < :oldest";

    @Inject
    Clock clock;

    @ConfigProperty(name = "parley.gateway.idempotency-retention", defaultValue = "PT24H")
    Duration retention;

    /**
     * Runs {@code append} once per key of the tenant: it gets the event id to append under (random without a key) and
     * answers; a repeat with the same key answers the same without running it.
     *
     * @param request what the request asks, for refusing a key reused for another request
     */
    public Uni<Views.Accepted> once(String tenant, String key, String request,
            Function<String, Uni<Views.Accepted>> append) {
        if (key == null) {
            return append.apply(UUID.randomUUID().toString());
        }
        requireValid(key);
        String fingerprint = EventIds.nameBased(request).toString();
        Instant oldest = clock.instant().minus(retention);
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery(FIND, Object[].class)
                .setParameter("tenant", tenant)
                .setParameter("key", key)
                .setParameter("oldest", oldest)
                .getSingleResultOrNull()))
                .flatMap(found -> {
                    if (found != null) {
                        return Uni.createFrom().item(answered(key, fingerprint, found));
                    }
                    return append.apply(derived(tenant, key, request, "event"))
                            .call(answer -> keep(tenant, key, fingerprint, answer, oldest));
                });
    }

    /**
     * A value derived from the tenant, the key and the request, stable across repeats of that request: the event id, or
     * a reply's message id.
     */
    public static String derived(String tenant, String key, String request, String purpose) {
        requireValid(key);
        return EventIds.nameBased("idempotency-key/" + tenant + "/" + key + "/" + purpose + "/" + request).toString();
    }

    @Scheduled(every = "10m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> purgeExpired() {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery(PURGE)
                .setParameter("oldest", clock.instant().minus(retention))
                .executeUpdate()))
                .replaceWithVoid();
    }

    private Uni<Integer> keep(String tenant, String key, String fingerprint, Views.Accepted answer, Instant oldest) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery(KEEP)
                .setParameter("tenant", tenant)
                .setParameter("key", key)
                .setParameter("request", fingerprint)
                .setParameter("answer", StateJson.json(answer))
                .setParameter("now", clock.instant())
                .setParameter("oldest", oldest)
                .executeUpdate()));
    }

    private static Views.Accepted answered(String key, String fingerprint, Object[] found) {
        if (!fingerprint.equals(found[0])) {
            throw ApiErrors.unprocessable("Idempotency-Key '" + key + "' was used for another request: use a new key"
                    + " for a new request, the same key only to repeat the same request");
        }
        try {
            return EventCodec.mapper().readValue((String) found[1], Views.Accepted.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the kept answer to Idempotency-Key '" + key + "' is unreadable", e);
        }
    }

    private static void requireValid(String key) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ApiErrors.badRequest("Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters, e.g. a UUID");
        }
    }
}
