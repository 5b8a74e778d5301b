package io.parley.ticket.contacts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A contact as the API answers it: {@code id} is null until an agent links or edits it (its one identity stands for
 * it until then); {@code name} and {@code phone} fall back to what the channels said last.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContactView(String id, String name, String phone, List<IdentityView> identities,
        Map<String, String> attributes) {

    public record IdentityView(String channel, String channelUserId, String key) {
        static IdentityView of(Identity identity) {
            return new IdentityView(identity.channel(), identity.channelUserId(), identity.key());
        }
    }
}
