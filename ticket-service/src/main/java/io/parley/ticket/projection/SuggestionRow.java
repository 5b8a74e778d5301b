package io.parley.ticket.projection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The bot's latest suggestions for a conversation (latest by event time, then id). */
@Entity
@Table(name = "suggestions")
public class SuggestionRow extends PanacheEntityBase {
    @Id
    public String conversationId;
    public String tenant;
    public String forChannelMessageId;
    public String suggestions;
    public Instant suggestedAt;
    public String eventId;
}
