package io.parley.analytics.tally;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One event of the log as analytics counts it; the event id as primary key makes counting idempotent. */
@Entity
@Table(name = "tallied_event")
public class TalliedEvent extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(nullable = false)
    public String tenant;

    @Column(nullable = false)
    public String type;

    @Column(name = "conversation_id", nullable = false)
    public String conversationId;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;
}
