package io.parley.routing.decider;

import io.parley.events.Event;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deciders of several tenants, one {@link TenantRouter} each, created on a tenant's first fact. Not final: tests
 * inject a fold failure.
 */
public class Router {

    private final Map<String, TenantRouter> tenants = new HashMap<>();

    public List<Event> apply(Fact fact) {
        return tenants.computeIfAbsent(fact.tenant(), TenantRouter::new).apply(fact);
    }

    /** Every tenant's state, by tenant: what a snapshot of the partition stores. */
    public List<TenantRouter.State> state() {
        return tenants.values().stream().map(TenantRouter::state)
                .sorted(Comparator.comparing(TenantRouter.State::tenant)).toList();
    }

    /** Takes the tenants of a snapshot, as they were; this router must not have applied anything yet. */
    public void restore(List<TenantRouter.State> states) {
        states.forEach(state -> tenants.put(state.tenant(), TenantRouter.restore(state)));
    }

    public Optional<TenantRouter> tenant(String tenant) {
        return Optional.ofNullable(tenants.get(tenant));
    }
}
