package io.parley.ingest.normalize;

import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent;
import io.parley.events.ids.ConversationId;
import io.parley.ingest.channel.TenantResolver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gathers the events of one webhook, stamping each with its tenant; an account that takes no intake (nobody owns it,
 * it is disabled, the signer is not its app) yields no event, only an {@link Unhandled} with the resolver's reason.
 */
public final class EventCollector {

    private final TenantResolver tenants;
    private final List<Event> events = new ArrayList<>();
    private final List<Unhandled> unhandled = new ArrayList<>();

    public EventCollector(TenantResolver tenants) {
        this.tenants = tenants;
    }

    public void add(ConversationId subject, String id, Instant time, ConversationEvent data) {
        Optional<String> tenant = tenants.tenantOf(subject.channel(), subject.account());
        if (tenant.isEmpty()) {
            unhandled(tenants.whyNoTenant(subject.channel(), subject.account()),
                    subject.channel().wireName() + ":" + subject.account());
            return;
        }
        String source = "/ingest/" + subject.channel().wireName();
        events.add(new Event(id, source, subject.toString(), time, tenant.get(), null, data));
    }

    /**
     * Normalises one independent part of a body (a message, a status, a messaging item) so that its failure stays
     * its own: when {@code normalize} throws, whatever the part had collected is dropped, the part is counted as
     * {@link Unhandled#UNREADABLE} (the raw body keeps it) and the body's other parts still become events. One bad
     * field must not turn a whole webhook into a 500 that Meta retries for days.
     */
    public void part(String description, Runnable normalize) {
        int eventsBefore = events.size();
        int unhandledBefore = unhandled.size();
        try {
            normalize.run();
        } catch (RuntimeException e) {
            events.subList(eventsBefore, events.size()).clear();
            unhandled.subList(unhandledBefore, unhandled.size()).clear();
            unhandled(Unhandled.UNREADABLE, description + ": " + e);
        }
    }

    public void unhandled(String reason, String detail) {
        unhandled.add(new Unhandled(reason, detail));
    }

    public Normalization result() {
        return new Normalization(events, unhandled);
    }
}
