package io.parley.ticket.projection;

import java.io.Serializable;
import java.util.Objects;

/**
 * The key of a row whose id is chosen outside this service (an agent's reply may name its own message id, a channel
 * names its messages): unique only within its tenant and conversation, so that an id known from another tenant or
 * conversation names a new row there and never reaches the existing one.
 */
public class ScopedId implements Serializable {

    public String tenant;
    public String conversationId;
    public String id;

    public ScopedId() {
    }

    public ScopedId(String tenant, String conversationId, String id) {
        this.tenant = tenant;
        this.conversationId = conversationId;
        this.id = id;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScopedId that && Objects.equals(tenant, that.tenant)
                && Objects.equals(conversationId, that.conversationId) && Objects.equals(id, that.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, conversationId, id);
    }
}
