package io.parley.ticket.config;

import io.parley.events.sla.SlaPolicies;
import io.parley.ticket.lifecycle.Reactions;
import io.parley.ticket.lifecycle.SlaAttainment;
import io.parley.ticket.lifecycle.TicketPolicy;
import io.parley.ticket.lifecycle.TimerActions;
import io.parley.ticket.lifecycle.TimerPlanner;
import io.parley.ticket.workspace.admin.WorkspaceLog;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Exposes the plain domain objects of ticket lifecycles as beans, configured from {@link PolicyConfig}. */
public class PolicyProducer {

    @Produces
    @Singleton
    TicketPolicy policy(PolicyConfig config, WorkspaceLog workspaces) {
        Config settings = ConfigProvider.getConfig();
        return config.toPolicy(workspaces::workspace,
                SlaPolicies.read(name -> settings.getOptionalValue(name, String.class)));
    }

    @Produces
    @Singleton
    TimerPlanner planner(TicketPolicy policy) {
        return new TimerPlanner(policy);
    }

    @Produces
    @Singleton
    TimerActions actions(TicketPolicy policy) {
        return new TimerActions(policy);
    }

    @Produces
    @Singleton
    SlaAttainment attainment(TicketPolicy policy) {
        return new SlaAttainment(policy);
    }

    @Produces
    @Singleton
    Reactions reactions(TicketPolicy policy) {
        return new Reactions(policy);
    }
}
