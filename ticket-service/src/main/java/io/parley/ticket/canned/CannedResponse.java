package io.parley.ticket.canned;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A reusable answer of a tenant, with {@code {{placeholders}}}. */
@Entity
@Table(name = "canned_responses")
public class CannedResponse extends PanacheEntityBase {
    @Id
    public String id;
    public String tenant;
    public String shortcut;
    public String title;
    public String body;
}
