package io.parley.ticket.config;

import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.ticket.lifecycle.SlaTargets;
import io.parley.ticket.lifecycle.TicketPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code parley.tickets.*}: overrides of {@link TicketPolicy#defaults()}. */
@ConfigMapping(prefix = "parley.tickets")
public interface PolicyConfig {

    @WithDefault("P7D")
    Duration reopenWindow();

    @WithDefault("PT10M")
    Duration unassignedTicketAfter();

    @WithDefault("PT24H")
    Duration idleReminderAfter();

    @WithDefault("PT48H")
    Duration idleCloseAfter();

    Optional<Set<String>> ticketReasons();

    /** {@code parley.tickets.sla.<priority>.first-reply} etc.; priorities without an entry keep the defaults. */
    Map<String, Sla> sla();

    interface Sla {
        Duration firstReply();

        Duration nextReply();

        Duration resolution();
    }

    default TicketPolicy toPolicy() {
        TicketPolicy defaults = TicketPolicy.defaults();
        Map<Priority, SlaTargets> targets = new java.util.EnumMap<>(defaults.sla());
        sla().forEach((priority, sla) -> targets.put(Priority.valueOf(priority.toUpperCase(java.util.Locale.ROOT)),
                new SlaTargets(sla.firstReply(), sla.nextReply(), sla.resolution())));
        return new TicketPolicy(reopenWindow(), unassignedTicketAfter(), idleReminderAfter(), idleCloseAfter(),
                ticketReasons().orElse(defaults.ticketReasons()), Map.copyOf(targets),
                defaults.idleReminderText(), defaults.csatQuestion());
    }
}
