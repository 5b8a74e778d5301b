package io.parley.ingest.channel;

/** The Meta app behind a channel: its secret signs webhooks, its verify token answers the subscription handshake. */
public record ChannelApp(String appSecret, String verifyToken) {

    public static final ChannelApp NONE = new ChannelApp(null, null);
}
