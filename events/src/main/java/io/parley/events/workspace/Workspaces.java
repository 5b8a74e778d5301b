package io.parley.events.workspace;

import io.parley.events.Event;
import io.parley.events.agent.AgentEvent;
import io.parley.events.workspace.WorkspaceEvent.ChannelSaved;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every tenant's {@link Workspace}, plus an index of channel accounts across tenants, since one phone number, page or
 * API channel belongs to one tenant only: the first claim in the log. Every reader sees the same first claim because
 * the workspace API writes every workspace event to partition 0 of {@code workspace-events}
 * ({@link io.parley.events.Topics#WORKSPACE_PARTITION}), one total order. Fed by a follower of
 * {@code workspace-events} and {@code agent-events}; read concurrently by request threads.
 */
public final class Workspaces {

    /** A channel account with the tenant that owns it. */
    public record OwnedChannel(String tenant, ChannelSaved account) {
    }

    private final Map<String, Workspace> byTenant = new ConcurrentHashMap<>();
    private final Map<String, OwnedChannel> channels = new ConcurrentHashMap<>();

    /** Whether the event is one the workspace fold reads; others are ignored by {@link #apply}. */
    public static boolean folds(Event event) {
        return event.data() instanceof WorkspaceEvent || event.data() instanceof AgentEvent.ProfileUpdated;
    }

    public void apply(Event event) {
        if (!folds(event)) {
            return;
        }
        if (event.data() instanceof ChannelSaved account) {
            OwnedChannel owner = channels.merge(account.key(), new OwnedChannel(event.tenant(), account),
                    // the first tenant to claim an account keeps it: the API refuses a second claim, and a forged or
                    // raced event in the log must not move a number to another tenant
                    (owned, claim) -> owned.tenant().equals(claim.tenant()) ? claim : owned);
            if (!owner.tenant().equals(event.tenant())) {
                return; // a refused claim is not the claimant's channel either
            }
        }
        byTenant.compute(event.tenant(), (tenant, workspace) ->
                (workspace == null ? Workspace.empty(tenant) : workspace).evolve(event));
    }

    public Workspace tenant(String tenant) {
        return byTenant.getOrDefault(tenant, Workspace.empty(tenant));
    }

    public Collection<Workspace> all() {
        return byTenant.values();
    }

    /** The account and its tenant, enabled or not; empty when no tenant has it. */
    public Optional<OwnedChannel> channel(String channel, String accountId) {
        return Optional.ofNullable(channels.get(channel + ":" + accountId));
    }
}
