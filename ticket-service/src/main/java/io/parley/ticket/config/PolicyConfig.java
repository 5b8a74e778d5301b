package io.parley.ticket.config;

import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.hours.BusinessHours;
import io.parley.events.sla.BusinessCalendar;
import io.parley.events.sla.SlaTargets;
import io.parley.events.workspace.Workspace;
import io.parley.ticket.lifecycle.TicketPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

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

    /**
     * {@code parley.tickets.business-hours.<tenant>.*}, or {@code ."<tenant>/<team>".*} for one team: when SLA clocks
     * of business-hours policies run, for tenants whose workspace has no hours (the workspace API's calendars come
     * first). Tenants with neither are open around the clock.
     */
    Map<String, Hours> businessHours();

    interface Hours {
        /** A region id such as {@code Europe/Berlin} or {@code Australia/Sydney}. */
        String zone();

        /** {@code MON-FRI 09:00-12:00 13:00-18:00; SAT 10:00-14:00}. */
        String weekly();

        /** ISO dates on which the tenant is closed all day. */
        Optional<Set<String>> holidays();

        default BusinessHours toBusinessHours() {
            return BusinessHours.parse(zone(), weekly(),
                    holidays().orElse(Set.of()).stream().map(LocalDate::parse).collect(Collectors.toSet()));
        }
    }

    /**
     * The policy, with SLA policies and calendars from each tenant's workspace and this configuration for tenants
     * without; the configured SLA policies ({@code parley.tickets.sla.<priority>.*}) are read by
     * {@link io.parley.events.sla.SlaPolicies#read}, as analytics reads them.
     */
    default TicketPolicy toPolicy(Function<String, Workspace> workspaces, Map<Priority, SlaTargets> sla) {
        TicketPolicy defaults = TicketPolicy.defaults();
        Map<String, BusinessHours> hours = new java.util.HashMap<>();
        businessHours().forEach((key, value) -> hours.put(key, value.toBusinessHours()));
        return new TicketPolicy(reopenWindow(), unassignedTicketAfter(), idleReminderAfter(), idleCloseAfter(),
                ticketReasons().orElse(defaults.ticketReasons()), Map.copyOf(sla),
                defaults.idleReminderText(), defaults.csatQuestion(), new BusinessCalendar(hours, workspaces), workspaces);
    }
}
