package io.parley.ticket.projection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One message of any kind, inbound or outbound. Its events may arrive in any order (a delivery before its outbound
 * message during a rebuild), so every event fills only its own columns of the row.
 */
@Entity
@IdClass(ScopedId.class)
@Table(name = "messages")
public class MessageRow extends PanacheEntityBase {
    @Id
    public String id;
    @Id
    public String conversationId;
    @Id
    public String tenant;
    public String direction;
    public String authorKind;
    public String authorId;
    public String kind;
    public String text;
    public String content;
    public String channelMessageId;
    public String replyTo;
    public String deliveryOutcome;
    public String deliveryError;
    public String editedText;
    public Instant editedAt;
    public boolean deleted;
    public Instant sentAt;
}
