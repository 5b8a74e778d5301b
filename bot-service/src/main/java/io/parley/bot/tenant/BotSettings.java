package io.parley.bot.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * A tenant's bot settings; a missing value takes the service default. {@code team} is the team the bot hands off to
 * ({@code default} when absent): its business hours apply to a conversation until routing gives it a team.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BotSettings(String defaultLanguage, Double confidenceThreshold, String team) {

    public static final String DEFAULT_TEAM = "default";

    public BotSettings withDefaults(BotSettings defaults) {
        return new BotSettings(defaultLanguage != null ? defaultLanguage : defaults.defaultLanguage(),
                confidenceThreshold != null ? confidenceThreshold : defaults.confidenceThreshold(),
                team != null ? team : defaults.team() != null ? defaults.team() : DEFAULT_TEAM);
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (defaultLanguage != null && !defaultLanguage.matches("[a-z]{2}")) {
            problems.add("defaultLanguage must be an ISO 639-1 code such as 'en'");
        }
        if (confidenceThreshold != null && (confidenceThreshold <= 0 || confidenceThreshold >= 1)) {
            problems.add("confidenceThreshold must be between 0 and 1 (exclusive), e.g. 0.5");
        }
        return problems;
    }
}
