package io.parley.ingest.channel;

import io.parley.events.Channel;
import java.util.Optional;

/** Which tenant owns a channel account; empty when nobody configured it. */
@FunctionalInterface
public interface TenantResolver {

    Optional<String> tenantOf(Channel channel, String account);

    /** Every account belongs to {@code tenant}: what {@code parley normalize --tenant} wants. */
    static TenantResolver fixed(String tenant) {
        Optional<String> result = Optional.of(tenant);
        return (channel, account) -> result;
    }
}
