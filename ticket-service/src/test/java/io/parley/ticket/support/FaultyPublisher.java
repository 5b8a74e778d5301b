package io.parley.ticket.support;

import io.parley.events.Event;
import io.parley.ticket.publish.EventPublisher;
import io.quarkus.test.Mock;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The real publisher, except that a test may make the next append of a matching event fail as Kafka fails when it
 * does not acknowledge in time: the fault between the projection's commit and its reactions reaching the log.
 */
@Mock
@ApplicationScoped
public class FaultyPublisher extends EventPublisher {

    private static final AtomicReference<Predicate<Event>> FAIL_NEXT = new AtomicReference<>();
    private static final AtomicInteger INJECTED = new AtomicInteger();

    /** The next append of an event matching {@code match} fails, once. */
    public static void failNextAppendOf(Predicate<Event> match) {
        FAIL_NEXT.set(match);
    }

    public static int injectedFaults() {
        return INJECTED.get();
    }

    @Override
    public Uni<Void> append(Event event) {
        Predicate<Event> match = FAIL_NEXT.get();
        if (match != null && match.test(event) && FAIL_NEXT.compareAndSet(match, null)) {
            INJECTED.incrementAndGet();
            return Uni.createFrom().failure(new TimeoutException("injected: the broker did not acknowledge " + event.id()));
        }
        return super.append(event);
    }
}
