package io.parley.ticket.api;

import io.parley.edge.problem.ApiErrors;
import io.parley.events.agent.AgentEvent.Presence;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.conversation.ConversationStatus;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;

/** Request bodies of the gateway API. */
public final class Requests {

    private Requests() {
    }

    /**
     * A reply: exactly one of text, media or template. {@code messageId} is optional; a client that sets it can retry
     * safely, the same id is never sent twice.
     */
    public record Reply(String messageId, String text, Media media, Content.Template template,
            String replyToChannelMessageId) {

        Content content() {
            int given = (text != null ? 1 : 0) + (media != null ? 1 : 0) + (template != null ? 1 : 0);
            if (given != 1) {
                throw ApiErrors.badRequest("a reply needs exactly one of 'text', 'media' or 'template'");
            }
            if (text != null) {
                if (text.isBlank()) {
                    throw ApiErrors.badRequest("'text' must not be blank");
                }
                return Content.text(text);
            }
            if (template != null) {
                if (template.name() == null || template.language() == null) {
                    throw ApiErrors.badRequest("a template needs 'name' and 'language' (e.g. \"en\")");
                }
                return Content.builder(Content.TEMPLATE).template(template).build();
            }
            return media.content();
        }
    }

    /** A media reference: an id the channel knows, or a URL it can fetch. */
    public record Media(String kind, String mediaId, String url, String mimeType, String caption, String filename) {
        Content content() {
            if (kind == null || !Content.MEDIA_KINDS.contains(kind)) {
                throw ApiErrors.badRequest("media 'kind' must be one of " + Content.MEDIA_KINDS);
            }
            if (mediaId == null && url == null) {
                throw ApiErrors.badRequest("media needs a 'mediaId' or a 'url'");
            }
            return Content.builder(kind).mediaId(mediaId).url(url).mimeType(mimeType).caption(caption)
                    .filename(filename).build();
        }
    }

    public record NewNote(@NotBlank String text) {
    }

    /** To an agent, a team, or both. */
    public record Assign(String agentId, String team, String reason) {
    }

    public record StatusChange(@NotNull ConversationStatus status, Instant until) {
    }

    public record Labels(@NotNull List<String> labels) {
    }

    public record Callback(@NotNull Instant at, String phone) {
    }

    public record NewTicket(@NotBlank String conversationId, String subject, Priority priority) {
    }

    public record CannedBody(@NotBlank String shortcut, @NotBlank String title, @NotBlank String body) {
    }

    public record Render(String conversationId) {
    }

    public record PresenceChange(@NotNull Presence presence) {
    }
}
