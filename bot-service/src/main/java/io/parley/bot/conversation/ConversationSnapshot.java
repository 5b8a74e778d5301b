package io.parley.bot.conversation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An evicted conversation's memory, as JSON ({@link MemorySnapshots}). */
@Entity
@Table(name = "conversation_snapshot")
public class ConversationSnapshot extends PanacheEntityBase {

    @Id
    @Column(name = "conversation_id")
    public String conversationId;

    @Column(nullable = false)
    public String memory;

    @Column(name = "saved_at", nullable = false)
    public Instant savedAt;
}
