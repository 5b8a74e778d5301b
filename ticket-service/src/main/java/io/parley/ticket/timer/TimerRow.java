package io.parley.ticket.timer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "timers")
public class TimerRow extends PanacheEntityBase {
    @Id
    public String id;
    public String conversationId;
    public String tenant;
    public String kind;
    public Instant dueAt;
    public Instant firedDueAt;
    public Instant leaseUntil;
    public String payload;

    public static String idOf(String conversationId, String kind) {
        return conversationId + "|" + kind;
    }

    public boolean isArmed() {
        return firedDueAt == null || !firedDueAt.equals(dueAt);
    }
}
