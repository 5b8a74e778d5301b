package io.parley.ticket.contacts;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One channel id linked to a contact; an identity belongs to at most one contact of its tenant. */
@Entity
@Table(name = "contact_identities")
public class ContactIdentityRow extends PanacheEntityBase {
    @Id
    public String id;
    public String tenant;
    public String contactId;
    public String channel;
    public String channelUserId;

    static String idOf(String tenant, Identity identity) {
        return tenant + "/" + identity.key();
    }

    static ContactIdentityRow of(String tenant, String contactId, Identity identity) {
        ContactIdentityRow row = new ContactIdentityRow();
        row.id = idOf(tenant, identity);
        row.tenant = tenant;
        row.contactId = contactId;
        row.channel = identity.channel();
        row.channelUserId = identity.channelUserId();
        return row;
    }

    Identity identity() {
        return new Identity(channel, channelUserId);
    }
}
