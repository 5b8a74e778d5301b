package io.parley.ingest.channel;

import io.parley.events.Channel;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured channels and accounts, read from flat properties so that the service and the {@code parley} command
 * share one format:
 * <pre>
 * parley.channels.whatsapp.app-secret=…          parley.channels.whatsapp.verify-token=…
 * parley.channels.whatsapp.accounts.106540352242922.tenant=acme
 * parley.channels.whatsapp.accounts.106540352242922.access-token=…
 * parley.channels.api.accounts.web-widget.tenant=acme
 * parley.channels.api.accounts.web-widget.bearer-token=…
 * parley.channels.api.accounts.web-widget.callback-url=https://…   (…callback-secret=…)
 * </pre>
 * Every account of a channel is served by the channel's Meta app. This is the static part of the registry; accounts
 * added at run time come from the workspace ({@link ChannelDirectory}).
 */
public final class ChannelRegistry implements TenantResolver, ChannelAccounts {

    public static final String PREFIX = "parley.channels.";

    private final Map<Channel, ChannelApp> apps;
    private final Map<String, ChannelAccount> accounts;

    private ChannelRegistry(Map<Channel, ChannelApp> apps, Map<String, ChannelAccount> accounts) {
        this.apps = Map.copyOf(apps);
        this.accounts = Map.copyOf(accounts);
    }

    /** Reads every {@value #PREFIX}… property; other keys are ignored. */
    public static ChannelRegistry fromProperties(Map<String, String> properties) {
        Map<Channel, Map<String, String>> appSettings = new EnumMap<>(Channel.class);
        Map<String, Map<String, String>> accountSettings = new HashMap<>();
        properties.forEach((key, value) -> {
            if (!key.startsWith(PREFIX)) {
                return;
            }
            String[] parts = key.substring(PREFIX.length()).split("\\.", 4);
            Channel channel = Channel.fromWireName(parts[0]);
            if (parts.length == 2) {
                appSettings.computeIfAbsent(channel, c -> new HashMap<>()).put(parts[1], value);
            } else if (parts.length == 4 && parts[1].equals("accounts")) {
                accountSettings.computeIfAbsent(ChannelAccount.keyOf(channel, parts[2]), k -> new HashMap<>()).put(parts[3], value);
            } else {
                throw new IllegalArgumentException("unknown channel setting '" + key
                        + "': expected " + PREFIX + "<channel>.<setting> or " + PREFIX + "<channel>.accounts.<id>.<setting>");
            }
        });
        Map<Channel, ChannelApp> apps = new EnumMap<>(Channel.class);
        appSettings.forEach((channel, s) -> apps.put(channel, new ChannelApp(s.get("app-secret"), s.get("verify-token"))));
        Map<String, ChannelAccount> accounts = new HashMap<>();
        accountSettings.forEach((key, s) -> accounts.put(key, toAccount(key, s, apps)));
        return new ChannelRegistry(apps, accounts);
    }

    private static ChannelAccount toAccount(String key, Map<String, String> settings, Map<Channel, ChannelApp> apps) {
        String[] channelAndId = key.split(":", 2);
        String tenant = settings.get("tenant");
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalArgumentException("channel account " + key + " has no tenant: set "
                    + PREFIX + channelAndId[0] + ".accounts." + channelAndId[1] + ".tenant");
        }
        Channel channel = Channel.fromWireName(channelAndId[0]);
        return new ChannelAccount(channel, channelAndId[1], tenant, true, apps.getOrDefault(channel, ChannelApp.NONE),
                settings.get("access-token"), settings.get("bearer-token"),
                settings.get("callback-url"), settings.get("callback-secret"),
                settings.get("allowed-origins") == null ? List.of()
                        : List.of(settings.get("allowed-origins").trim().split("[\\s,]+")),
                settings.get("identity-secret"));
    }

    public ChannelApp app(Channel channel) {
        return apps.getOrDefault(channel, ChannelApp.NONE);
    }

    /** Every configured account. */
    public Collection<ChannelAccount> accounts() {
        return accounts.values();
    }

    @Override
    public Optional<ChannelAccount> account(Channel channel, String account) {
        return Optional.ofNullable(accounts.get(ChannelAccount.keyOf(channel, account)));
    }

    @Override
    public Optional<String> tenantOf(Channel channel, String account) {
        return account(channel, account).map(ChannelAccount::tenant);
    }
}
