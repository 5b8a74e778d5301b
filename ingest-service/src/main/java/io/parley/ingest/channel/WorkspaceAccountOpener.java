package io.parley.ingest.channel;

import io.parley.events.Channel;
import io.parley.events.web.WebChannelSettings;
import io.parley.events.workspace.SecretBox;
import io.parley.events.workspace.WorkspaceEvent.ChannelSaved;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a workspace's channel account ({@code parley.workspace.channel-saved.v1}) into a {@link ChannelAccount},
 * opening its sealed secrets with the {@link SecretBox} of {@code parley.workspace.secret-key}. A Meta secret the
 * account does not bring (appSecret, verifyToken) is the channel's configured app's: accounts served by the platform's
 * own Meta app carry none.
 */
public final class WorkspaceAccountOpener {

    public static final String APP_SECRET = "appSecret";
    public static final String VERIFY_TOKEN = "verifyToken";
    public static final String ACCESS_TOKEN = "accessToken";
    public static final String BEARER_TOKEN = "bearerToken";
    public static final String CALLBACK_SECRET = "callbackSecret";
    public static final String CALLBACK_URL = "callbackUrl";

    private final Optional<SecretBox> box;
    private final ChannelRegistry configured;

    /** {@code box} is empty when no key is configured: accounts carrying secrets then cannot be used. */
    public WorkspaceAccountOpener(Optional<SecretBox> box, ChannelRegistry configured) {
        this.box = box;
        this.configured = configured;
    }

    /** The account, or why it cannot be used. */
    public Opened open(String tenant, ChannelSaved saved) {
        String key = saved.key() + " of tenant " + tenant;
        Channel channel;
        try {
            channel = Channel.fromWireName(saved.channel());
        } catch (IllegalArgumentException e) {
            return Opened.unusable(key + " cannot be used: " + e.getMessage());
        }
        if (!saved.secrets().isEmpty() && box.isEmpty()) {
            return Opened.unusable(key + " carries sealed secrets but parley.workspace.secret-key is not set on "
                    + "ingest-service, so it takes no webhooks and sends no replies: give ingest the key the workspace "
                    + "admin API seals with");
        }
        Map<String, String> secrets = new HashMap<>();
        for (Map.Entry<String, String> sealed : saved.secrets().entrySet()) {
            try {
                secrets.put(sealed.getKey(), box.orElseThrow().open(sealed.getValue()));
            } catch (IllegalArgumentException e) {
                return Opened.unusable(key + " cannot be used: its " + sealed.getKey() + " does not open with "
                        + "parley.workspace.secret-key (sealed under another key, or changed); give ingest the key the "
                        + "workspace admin API seals with, or save the channel's secrets again");
            }
        }
        ChannelApp channelApp = configured.app(channel);
        ChannelApp app = new ChannelApp(secrets.getOrDefault(APP_SECRET, channelApp.appSecret()),
                secrets.getOrDefault(VERIFY_TOKEN, channelApp.verifyToken()));
        return Opened.usable(new ChannelAccount(channel, saved.accountId(), tenant, saved.enabled(), app,
                secrets.get(ACCESS_TOKEN), secrets.get(BEARER_TOKEN), saved.settings().get(CALLBACK_URL),
                secrets.get(CALLBACK_SECRET), WebChannelSettings.allowedOrigins(saved.settings()),
                secrets.get(WebChannelSettings.IDENTITY_SECRET)));
    }

    /** Exactly one of {@code account} and {@code problem} is set. */
    public record Opened(ChannelAccount account, String problem) {

        static Opened usable(ChannelAccount account) {
            return new Opened(account, null);
        }

        static Opened unusable(String problem) {
            return new Opened(null, problem);
        }
    }
}
