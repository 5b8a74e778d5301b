package io.parley.bot.tenant;

import io.parley.bot.flow.FlowDefinition;
import io.parley.bot.kb.KnowledgeModel;
import io.parley.events.hours.BusinessHours;
import io.parley.events.workspace.Workspace;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the bot knows about one tenant, built from its documents: settings, the trained knowledge model and
 * flows. Immutable; a change builds a new one ({@code generation} orders them). Business hours are not part of it:
 * they live in the tenant's {@link Workspace} and are looked up at each decision.
 */
public record TenantBot(String tenant, BotSettings settings, KnowledgeModel knowledge,
                        Map<String, FlowDefinition> flows, long generation, Instant builtAt) {

    public TenantBot {
        flows = Map.copyOf(flows);
    }

    /**
     * The hours people answer this conversation by: those of its team once routing chose one, else those of the team
     * the bot hands off to (its settings' team, {@code default} when unset). The team's calendar is resolved by
     * {@link Workspace#hoursOf} (its calendar, else its own id's, else the tenant's default), the very lookup the
     * ticket service's SLA clocks make, so that the bot's "after hours" and the SLA clock never disagree. Empty
     * means open around the clock.
     */
    public Optional<BusinessHours> businessHours(Workspace workspace, String conversationTeam) {
        if (!tenant.equals(workspace.tenant())) {
            throw new IllegalArgumentException("the hours of tenant " + tenant + " were looked up in the workspace of "
                    + workspace.tenant());
        }
        return workspace.hoursOf(conversationTeam != null ? conversationTeam : settings.team());
    }
}
