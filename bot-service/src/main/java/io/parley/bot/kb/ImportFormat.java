package io.parley.bot.kb;

import java.util.Locale;

/** The formats {@code /api/v1/kb/import} reads. */
public enum ImportFormat {
    CSV, JSON, MARKDOWN;

    /** From an explicit {@code format} parameter, else from the request's media type. */
    public static ImportFormat of(String format, String mediaType) {
        String hint = (format != null && !format.isBlank() ? format : mediaType == null ? "" : mediaType)
                .toLowerCase(Locale.ROOT);
        if (hint.contains("csv")) {
            return CSV;
        }
        if (hint.contains("json")) {
            return JSON;
        }
        if (hint.contains("markdown") || hint.equals("md")) {
            return MARKDOWN;
        }
        throw new ImportException("unknown import format '" + hint + "': send Content-Type text/csv, application/json"
                + " or text/markdown, or add ?format=csv|json|markdown");
    }
}
