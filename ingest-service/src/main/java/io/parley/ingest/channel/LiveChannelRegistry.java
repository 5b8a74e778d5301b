package io.parley.ingest.channel;

import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.workspace.WorkspaceEvent.ChannelSaved;
import io.parley.events.workspace.Workspaces;
import io.parley.events.workspace.Workspaces.OwnedChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The channel registry as it changes at run time: the configured accounts plus every account the workspaces save on
 * {@code workspace-events}, applied as the follower hands them over. Readers take {@link #current()}, an immutable
 * {@link ChannelDirectory}; {@link #apply} is called from one thread (the follower's).
 *
 * <p>Problems that make a workspace account unusable, and claims that are ignored, are reported once per account and
 * reason through {@code problems} (a replay of the same history at the next start reports them once again).
 */
public final class LiveChannelRegistry implements ChannelAccounts {

    private final Workspaces workspaces = new Workspaces();
    private final WorkspaceAccountOpener opener;
    private final Consumer<String> problems;
    /** The last problem reported per account key, so a replayed or repeated save does not log again. */
    private final Map<String, String> reported = new HashMap<>();
    private volatile ChannelDirectory current;

    public LiveChannelRegistry(ChannelRegistry configured, WorkspaceAccountOpener opener, Consumer<String> problems) {
        this.opener = opener;
        this.problems = problems;
        this.current = ChannelDirectory.of(configured);
    }

    /** The registry now; hold on to it for the whole of one request. */
    public ChannelDirectory current() {
        return current;
    }

    /** Folds one event of {@code workspace-events}; other events are ignored. */
    public synchronized void apply(Event event) {
        workspaces.apply(event);
        if (!(event.data() instanceof ChannelSaved saved)) {
            return;
        }
        String key = saved.key();
        Optional<OwnedChannel> owner = workspaces.channel(saved.channel(), saved.accountId());
        if (owner.isEmpty() || !owner.get().tenant().equals(event.tenant())) {
            report(key + "@" + event.tenant(), "tenant " + event.tenant() + " claims channel account " + key
                    + ", which belongs to tenant " + owner.map(OwnedChannel::tenant).orElse("?")
                    + "; the claim is ignored (one number, page or API channel belongs to one tenant)");
            return;
        }
        if (isConfigured(saved)) {
            report(key + "@" + event.tenant(), "tenant " + event.tenant() + " saves channel account " + key
                    + ", which is configured under " + ChannelRegistry.PREFIX + saved.channel() + ".accounts."
                    + saved.accountId() + "; the configuration wins: remove it there to manage the account in the "
                    + "workspace");
            return;
        }
        WorkspaceAccountOpener.Opened opened = opener.open(event.tenant(), saved);
        if (opened.account() != null) {
            reported.remove(key);
            current = current.with(opened.account());
        } else {
            report(key, opened.problem());
            current = current.withUnusable(key, opened.problem());
        }
    }

    private boolean isConfigured(ChannelSaved saved) {
        try {
            return current.isConfigured(Channel.fromWireName(saved.channel()), saved.accountId());
        } catch (IllegalArgumentException unknownChannel) {
            return false; // the opener reports it
        }
    }

    private void report(String key, String problem) {
        if (!problem.equals(reported.put(key, problem))) {
            problems.accept(problem);
        }
    }

    @Override
    public Optional<ChannelAccount> account(Channel channel, String id) {
        return current.account(channel, id);
    }

    @Override
    public String whyMissing(Channel channel, String id) {
        return current.whyMissing(channel, id);
    }
}
