package io.parley.ingest.channel;

import io.parley.events.Channel;
import io.parley.ingest.normalize.Unhandled;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The channel registry at one moment: the configured accounts ({@code parley.channels.*}) combined with the
 * workspaces' accounts. Immutable, so a request reads one consistent registry from its signature check to its last
 * event while the workspace changes under it. A configured account wins over a workspace's claim on the same key: the
 * operator's configuration cannot be taken over from an admin screen.
 */
public final class ChannelDirectory implements ChannelAccounts, TenantResolver {

    private final ChannelRegistry configured;
    private final Map<String, ChannelAccount> workspace;
    private final Map<String, String> unusable;
    private final Map<Channel, Set<String>> appSecrets = new EnumMap<>(Channel.class);
    private final Map<Channel, Set<String>> verifyTokens = new EnumMap<>(Channel.class);

    private ChannelDirectory(ChannelRegistry configured, Map<String, ChannelAccount> workspace,
                             Map<String, String> unusable) {
        this.configured = configured;
        this.workspace = Map.copyOf(workspace);
        this.unusable = Map.copyOf(unusable);
        for (Channel channel : Channel.values()) {
            addIfSet(appSecrets, channel, configured.app(channel).appSecret());
            addIfSet(verifyTokens, channel, configured.app(channel).verifyToken());
        }
        Stream.concat(configured.accounts().stream(), this.workspace.values().stream()).forEach(account -> {
            addIfSet(appSecrets, account.channel(), account.app().appSecret());
            addIfSet(verifyTokens, account.channel(), account.app().verifyToken());
        });
    }

    private static void addIfSet(Map<Channel, Set<String>> values, Channel channel, String value) {
        if (value != null && !value.isEmpty()) {
            values.computeIfAbsent(channel, c -> new LinkedHashSet<>()).add(value);
        }
    }

    /** The configured accounts alone: before the workspace is read, or where there is none. */
    public static ChannelDirectory of(ChannelRegistry configured) {
        return new ChannelDirectory(configured, Map.of(), Map.of());
    }

    /** This registry with a workspace account's latest settings. */
    public ChannelDirectory with(ChannelAccount account) {
        Map<String, ChannelAccount> accounts = new HashMap<>(workspace);
        accounts.put(account.key(), account);
        Map<String, String> problems = new HashMap<>(unusable);
        problems.remove(account.key());
        return new ChannelDirectory(configured, accounts, problems);
    }

    /** This registry with a workspace account that cannot be used, and why. */
    public ChannelDirectory withUnusable(String key, String problem) {
        Map<String, ChannelAccount> accounts = new HashMap<>(workspace);
        accounts.remove(key);
        Map<String, String> problems = new HashMap<>(unusable);
        problems.put(key, problem);
        return new ChannelDirectory(configured, accounts, problems);
    }

    public boolean isConfigured(Channel channel, String id) {
        return configured.account(channel, id).isPresent();
    }

    @Override
    public Optional<ChannelAccount> account(Channel channel, String id) {
        return configured.account(channel, id)
                .or(() -> Optional.ofNullable(workspace.get(ChannelAccount.keyOf(channel, id))));
    }

    /** Why the account cannot be used, when it is a workspace account whose secrets did not open. */
    public Optional<String> problem(Channel channel, String id) {
        return isConfigured(channel, id) ? Optional.empty()
                : Optional.ofNullable(unusable.get(ChannelAccount.keyOf(channel, id)));
    }

    @Override
    public String whyMissing(Channel channel, String id) {
        return problem(channel, id).orElseGet(() -> ChannelAccounts.super.whyMissing(channel, id));
    }

    @Override
    public Optional<String> tenantOf(Channel channel, String id) {
        return account(channel, id).filter(ChannelAccount::enabled).map(ChannelAccount::tenant);
    }

    @Override
    public String whyNoTenant(Channel channel, String id) {
        if (account(channel, id).isPresent()) {
            return Unhandled.DISABLED_ACCOUNT;
        }
        return problem(channel, id).isPresent() ? Unhandled.UNUSABLE_ACCOUNT : Unhandled.UNKNOWN_ACCOUNT;
    }

    /**
     * Tenants for a body signed with {@code appSecret}: an account gets its events only when that is its own app's
     * secret, so a body signed by one tenant's Meta app never produces events for another tenant's account.
     */
    public TenantResolver signedWith(String appSecret) {
        return new TenantResolver() {
            @Override
            public Optional<String> tenantOf(Channel channel, String id) {
                return isSignedFor(channel, id, appSecret) ? ChannelDirectory.this.tenantOf(channel, id)
                        : Optional.empty();
            }

            @Override
            public String whyNoTenant(Channel channel, String id) {
                return account(channel, id).isPresent() && !isSignedFor(channel, id, appSecret)
                        ? Unhandled.FOREIGN_SIGNATURE : ChannelDirectory.this.whyNoTenant(channel, id);
            }
        };
    }

    /** Whether {@code appSecret} is the secret of the app behind the account (false for accounts nobody has). */
    public boolean isSignedFor(Channel channel, String id, String appSecret) {
        return account(channel, id).map(account -> appSecret.equals(account.app().appSecret())).orElse(false);
    }

    /** Every app secret that may sign the channel's webhooks: the configured app's and each account's own. */
    public Set<String> appSecrets(Channel channel) {
        return appSecrets.getOrDefault(channel, Set.of());
    }

    /** Whether {@code token} is the verify token of the channel's configured app or of one of its accounts. */
    public boolean acceptsVerifyToken(Channel channel, String token) {
        return verifyTokens.getOrDefault(channel, Set.of()).stream().anyMatch(known -> constantTimeEquals(known, token));
    }

    /** Workspace accounts that are enabled, disabled, or cannot be used: what the registry gauges show. */
    public long workspaceAccounts(boolean enabled) {
        return workspace.values().stream().filter(account -> account.enabled() == enabled).count();
    }

    public Collection<String> unusableAccounts() {
        return unusable.keySet();
    }

    public static boolean constantTimeEquals(String expected, String actual) {
        return expected != null && !expected.isEmpty() && actual != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }
}
