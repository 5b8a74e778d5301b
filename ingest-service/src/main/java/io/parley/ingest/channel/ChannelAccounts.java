package io.parley.ingest.channel;

import io.parley.events.Channel;
import java.util.Optional;

/** Looks up the account a reply goes out through. */
public interface ChannelAccounts {

    /** The account, enabled or not; empty when no tenant has it or it cannot be used. */
    Optional<ChannelAccount> account(Channel channel, String id);

    /** Why {@link #account} is empty for this account, for the failed delivery's error. */
    default String whyMissing(Channel channel, String id) {
        return "no account " + ChannelAccount.keyOf(channel, id) + " in the channel registry: configure it under "
                + ChannelRegistry.PREFIX + channel.wireName() + ".accounts." + id + " or add it in the workspace admin";
    }
}
