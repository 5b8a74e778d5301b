package io.parley.ticket.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.Suggestion;
import io.parley.events.envelope.EventCodec;
import io.parley.events.state.ConversationState;
import io.parley.events.state.Latest;
import io.parley.ticket.canned.CannedResponse;
import io.parley.ticket.projection.ConversationRow;
import io.parley.ticket.projection.MessageRow;
import io.parley.ticket.projection.NoteRow;
import io.parley.ticket.projection.StateJson;
import io.parley.ticket.projection.SuggestionRow;
import io.parley.ticket.projection.TicketRow;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** What the API answers: plain records, so the projection's columns can change without changing the contract. */
public final class Views {

    private Views() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Conversation(String id, String channel, String status, String mode, String assignee, String team,
            Integer queuePosition, String priority, String language, List<String> labels, Contact contact,
            String ticketId, Instant lastCustomerMessageAt, Instant lastAgentMessageAt, Instant awaitingReplySince,
            Instant lastActivityAt, Integer csatScore, Handoff handoff) {

        /** As lists show it: the columns only, no handoff (that needs the stored state read). */
        static Conversation of(ConversationRow row) {
            return of(row, null);
        }

        /** One conversation in full: with the latest handoff's reason and summary, for the agent taking over. */
        static Conversation withHandoff(ConversationRow row) {
            ConversationState state = StateJson.read(row.state);
            return of(row, state.handoff() == null ? null : Handoff.of(state.handoff()));
        }

        private static Conversation of(ConversationRow row, Handoff handoff) {
            List<String> labels = Arrays.stream(row.labels.split(",")).filter(label -> !label.isEmpty()).toList();
            return new Conversation(row.id, row.channel, row.status, row.mode, row.assignee, row.team,
                    row.queuePosition, row.priority, row.language, labels,
                    new Contact(row.contactUserId, row.contactName, row.contactPhone), row.ticketId,
                    row.lastCustomerMessageAt, row.lastAgentMessageAt, row.awaitingReplySince, row.lastActivityAt,
                    row.csatScore, handoff);
        }
    }

    /** Why and when the bot (or a flow, or the hours) handed the conversation to people, and what it understood. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Handoff(String reason, String summary, String language, List<String> requiredSkills,
            Instant requestedAt) {
        static Handoff of(Latest<HandoffRequested> handoff) {
            HandoffRequested value = handoff.value();
            return new Handoff(value.reason(), value.summary(), value.language(), value.requiredSkills(),
                    handoff.stamp().time());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contact(String channelUserId, String name, String phone) {
    }

    /** {@code status} is the channel's best news (read over delivered over sent), or the delivery outcome. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(String id, String conversationId, String direction, String authorKind, String authorId,
            String kind, String text, JsonNode content, String channelMessageId, String replyTo, String status,
            String error, boolean edited, boolean deleted, Instant sentAt) {

        static Message of(MessageRow row, String status, String statusError) {
            String error = statusError != null ? statusError : row.deliveryError;
            return new Message(row.id, row.conversationId, row.direction, row.authorKind, row.authorId, row.kind,
                    row.deleted ? null : row.editedText != null ? row.editedText : row.text,
                    row.deleted ? null : json(row.content), row.channelMessageId, row.replyTo,
                    status != null ? status : row.deliveryOutcome, error, row.editedAt != null, row.deleted,
                    row.sentAt);
        }
    }

    public record Note(String id, String agentId, String text, Instant createdAt) {
        static Note of(NoteRow row) {
            return new Note(row.id, row.agentId, row.text, row.createdAt);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ticket(String id, String conversationId, String subject, String priority, String origin,
            String status, Instant createdAt, Instant solvedAt) {
        static Ticket of(TicketRow row) {
            return new Ticket(row.id, row.conversationId, row.subject, row.priority, row.origin, row.status,
                    row.createdAt, row.solvedAt);
        }
    }

    public record Suggestions(String forChannelMessageId, List<Suggestion> suggestions, Instant suggestedAt) {
        static Suggestions of(SuggestionRow row) {
            try {
                return new Suggestions(row.forChannelMessageId,
                        EventCodec.mapper().readValue(row.suggestions, new TypeReference<List<Suggestion>>() { }),
                        row.suggestedAt);
            } catch (IOException e) {
                throw new IllegalStateException("stored suggestions are unreadable; rebuild the projection", e);
            }
        }

        static Suggestions none() {
            return new Suggestions(null, List.of(), null);
        }
    }

    public record Canned(String id, String shortcut, String title, String body) {
        static Canned of(CannedResponse row) {
            return new Canned(row.id, row.shortcut, row.title, row.body);
        }
    }

    /** The answer to an action: the id of the event appended to the log. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Accepted(String eventId, String messageId) {
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? null : EventCodec.mapper().readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
