package io.parley.ingest.channel;

import io.parley.events.Channel;
import java.util.List;

/**
 * One account Parley answers on: a WhatsApp phone number id, a Facebook Page id, an Instagram account id or an API
 * channel id, owned by a tenant. {@code app} is the Meta app whose secret signs the account's webhooks and whose verify
 * token answers its subscription handshake. {@code accessToken} authorises Graph API sends; for API channels
 * {@code bearerToken} authorises incoming posts and replies go to {@code callbackUrl}, signed with
 * {@code callbackSecret}. Web channels (the chat widget) serve pages of {@code allowedOrigins} and check signed user
 * identities with {@code identitySecret}. A disabled account keeps its tenant but takes no intake.
 */
public record ChannelAccount(
        Channel channel,
        String id,
        String tenant,
        boolean enabled,
        ChannelApp app,
        String accessToken,
        String bearerToken,
        String callbackUrl,
        String callbackSecret,
        List<String> allowedOrigins,
        String identitySecret) {

    public ChannelAccount {
        app = app == null ? ChannelApp.NONE : app;
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }

    /** The registry key, unique across tenants: {@code channel:account}. */
    public String key() {
        return keyOf(channel, id);
    }

    public static String keyOf(Channel channel, String id) {
        return channel.wireName() + ":" + id;
    }
}
