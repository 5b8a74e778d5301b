package io.parley.ticket.projection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@IdClass(ScopedId.class)
@Table(name = "tickets")
public class TicketRow extends PanacheEntityBase {
    @Id
    public String id;
    @Id
    public String conversationId;
    @Id
    public String tenant;
    public String subject;
    public String priority;
    public String origin;
    public String status;
    public Instant createdAt;
    public Instant solvedAt;
}
