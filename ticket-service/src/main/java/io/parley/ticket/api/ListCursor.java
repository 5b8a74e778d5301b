package io.parley.ticket.api;

import io.parley.edge.problem.ApiErrors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where a page of the conversation list ended: the last row's activity time and id, in the list's order (newest
 * activity first, then id). The next page starts after it, so rows that change meanwhile neither shift a page nor are
 * skipped: a row that moves up the list changed, and the live stream says so. Opaque to clients.
 */
public record ListCursor(Instant lastActivityAt, String id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((lastActivityAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a page's Link header gave, or a 400 saying to use that. */
    public static ListCursor decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            if (bar < 0) {
                throw new IllegalArgumentException("no separator");
            }
            return new ListCursor(Instant.parse(text.substring(0, bar)), text.substring(bar + 1));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ApiErrors.badRequest("'cursor' is not one this API gave: follow the Link rel=\"next\" of the previous"
                    + " page, or leave it out for the first page");
        }
    }
}
