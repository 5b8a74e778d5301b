package io.parley.ticket.projection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "csat_responses")
public class CsatRow extends PanacheEntityBase {
    @Id
    public String eventId;
    public String conversationId;
    public String tenant;
    public int score;
    public String comment;
    public Instant receivedAt;
}
