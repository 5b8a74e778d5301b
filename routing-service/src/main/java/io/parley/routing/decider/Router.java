package io.parley.routing.decider;

import io.parley.events.Event;
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

    public Optional<TenantRouter> tenant(String tenant) {
        return Optional.ofNullable(tenants.get(tenant));
    }
}
