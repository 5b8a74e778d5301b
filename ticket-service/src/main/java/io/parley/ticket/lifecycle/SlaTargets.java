package io.parley.ticket.lifecycle;

import java.time.Duration;

/** How long a conversation of one priority may wait for each SLA metric before it is breached. */
public record SlaTargets(Duration firstReply, Duration nextReply, Duration resolution) {
}
