package io.parley.ingest.channel;

import io.parley.events.Channel;

/**
 * One account Parley answers on: a WhatsApp phone number id, a Facebook Page id, an Instagram account id or an API
 * channel id, owned by a tenant. {@code accessToken} authorises Graph API sends; for API channels {@code bearerToken}
 * authorises incoming posts and replies go to {@code callbackUrl}, signed with {@code callbackSecret}.
 */
public record ChannelAccount(
        Channel channel,
        String id,
        String tenant,
        String accessToken,
        String bearerToken,
        String callbackUrl,
        String callbackSecret) {
}
