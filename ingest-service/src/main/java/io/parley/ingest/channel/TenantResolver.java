package io.parley.ingest.channel;

import io.parley.events.Channel;
import io.parley.ingest.normalize.Unhandled;
import java.util.Optional;

/** Which tenant an account's webhook events belong to; empty when the account takes no intake. */
@FunctionalInterface
public interface TenantResolver {

    Optional<String> tenantOf(Channel channel, String account);

    /** The {@link Unhandled} reason for an account {@link #tenantOf} gives no tenant for. */
    default String whyNoTenant(Channel channel, String account) {
        return Unhandled.UNKNOWN_ACCOUNT;
    }

    /** Every account belongs to {@code tenant}: what {@code parley normalize --tenant} wants. */
    static TenantResolver fixed(String tenant) {
        Optional<String> result = Optional.of(tenant);
        return (channel, account) -> result;
    }
}
