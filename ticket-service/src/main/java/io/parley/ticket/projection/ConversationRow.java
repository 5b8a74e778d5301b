package io.parley.ticket.projection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A conversation as agents list it: columns derived from its folded state, plus that state as JSON. */
@Entity
@Table(name = "conversations")
public class ConversationRow extends PanacheEntityBase {
    @Id
    public String id;
    public String tenant;
    public String channel;
    public String contactUserId;
    public String contactName;
    public String contactPhone;
    public String status;
    public String mode;
    public String assignee;
    public String team;
    public Integer queuePosition;
    public String priority;
    public String language;
    /** Labels between commas, {@code ,vip,billing,}, so that a label filter is one LIKE. */
    public String labels;
    public String ticketId;
    public Instant lastCustomerMessageAt;
    public Instant lastAgentMessageAt;
    public Instant awaitingReplySince;
    public Instant lastActivityAt;
    public Integer csatScore;
    public String state;
}
