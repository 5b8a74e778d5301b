package io.parley.ticket.projection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** A private note: agents see it, the customer never does. */
@Entity
@IdClass(ScopedId.class)
@Table(name = "notes")
public class NoteRow extends PanacheEntityBase {
    @Id
    public String id;
    @Id
    public String conversationId;
    @Id
    public String tenant;
    public String agentId;
    public String text;
    public Instant createdAt;
}
