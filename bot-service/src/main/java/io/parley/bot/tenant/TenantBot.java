package io.parley.bot.tenant;

import io.parley.bot.flow.FlowDefinition;
import io.parley.bot.hours.BusinessHours;
import io.parley.bot.kb.KnowledgeModel;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

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
        return Stream.of(conversationTeam, settings.team(), BotSettings.DEFAULT_TEAM)
                .filter(Objects::nonNull).map(hours::get).filter(Objects::nonNull).findFirst();
    }
}
