package io.parley.ticket.contacts;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A contact an agent linked or edited: its name and attributes (a JSON object of strings). */
@Entity
@Table(name = "contacts")
public class ContactRow extends PanacheEntityBase {
    @Id
    public String id;
    public String tenant;
    public String name;
    public String attributes;
    public Instant updatedAt;
}
