package io.parley.bot.tenant;

/** What a tenant document holds; the name is the document's id within its kind. */
public enum DocumentKind {
    /** A knowledge-base article, named by its id. */
    ARTICLE,
    /** A flow definition, named by its id. */
    FLOW,
    /** Business hours, named by team ({@code default} for the tenant's). */
    BUSINESS_HOURS,
    /** The bot's settings ({@link BotSettings}), one document named {@code bot}. */
    SETTINGS
}
