package io.parley.ticket.projection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A channel status (sent, delivered, read, failed) of the message with that channel message id. */
@Entity
@Table(name = "message_statuses")
public class MessageStatusRow extends PanacheEntityBase {
    @Id
    public String eventId;
    public String conversationId;
    public String channelMessageId;
    public String status;
    public String error;
    public Instant at;
}
