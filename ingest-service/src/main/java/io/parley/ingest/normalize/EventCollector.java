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

    public void unhandled(String reason, String detail) {
        unhandled.add(new Unhandled(reason, detail));
    }

    public Normalization result() {
        return new Normalization(events, unhandled);
    }
}
