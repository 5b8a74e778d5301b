package io.parley.bot.tenant;

/**
 * What a tenant document holds; the name is the document's id within its kind. Databases from before the workspace
 * may still hold rows of the former kind {@code BUSINESS_HOURS}: {@link TenantDocuments} reads only these kinds, so
 * such rows are ignored (business hours come from the workspace log now).
 */
public enum DocumentKind {
    /** A knowledge-base article, named by its id. */
    ARTICLE,
    /** A flow definition, named by its id. */
    FLOW,
    /** The bot's settings ({@link BotSettings}), one document named {@code bot}. */
    SETTINGS
}
