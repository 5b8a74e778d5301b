package io.parley.analytics.figures;

import io.parley.events.Event;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Every tenant's {@link TenantProjection}. Events are applied by one thread; figures are read by many. */
public final class Projection {

    private final Map<String, TenantProjection> tenants = new ConcurrentHashMap<>();

    /** Folds an event; returns the tenant it changed, or empty when it changed nothing. */
    public Optional<TenantProjection> apply(Event event) {
        TenantProjection tenant = tenants.computeIfAbsent(event.tenant(), TenantProjection::new);
        return tenant.apply(event) ? Optional.of(tenant) : Optional.empty();
    }

    /** The tenant's projection; an empty one for a tenant with no events yet (its figures are all empty). */
    public TenantProjection tenant(String tenant) {
        TenantProjection known = tenants.get(tenant);
        return known != null ? known : new TenantProjection(tenant);
    }

    public Collection<TenantProjection> tenants() {
        return tenants.values();
    }
}
