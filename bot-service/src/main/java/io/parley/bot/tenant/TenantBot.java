package io.parley.bot.tenant;

import io.parley.bot.flow.FlowDefinition;
import io.parley.bot.hours.BusinessHours;
import io.parley.bot.kb.KnowledgeModel;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the bot knows about one tenant, built from its documents: settings, the trained knowledge model, flows
 * and business hours per team. Immutable; a change builds a new one ({@code generation} orders them).
 */
public record TenantBot(String tenant, BotSettings settings, KnowledgeModel knowledge,
                        Map<String, FlowDefinition> flows, Map<String, BusinessHours> hours,
                        long generation, Instant builtAt) {

    public TenantBot {
        flows = Map.copyOf(flows);
        hours = Map.copyOf(hours);
    }

    /**
     * The hours of the conversation's team (null before routing chose one), else of the settings' team, else the
     * tenant's default; empty means always open.
     */
    public Optional<BusinessHours> businessHours(String conversationTeam) {
        String team = conversationTeam == null ? settings.team() : conversationTeam;
        return Optional.ofNullable(hours.get(team))
                .or(() -> Optional.ofNullable(hours.get(settings.team())))
                .or(() -> Optional.ofNullable(hours.get(BotSettings.DEFAULT_TEAM)));
    }
}
