package io.parley.events.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.parley.events.Channel;
import io.parley.events.EventData;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The events of the {@code conversation-events} log (DESIGN §3). Wire type names live in
 * {@link io.parley.events.EventTypes}; these record names are free to change, the wire names are not.
 */
public sealed interface ConversationEvent extends EventData {

    // ---- messages -------------------------------------------------------------------------------------------

    /** A customer wrote. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessageReceived(
            Channel channel,
            String channelAccount,
            String channelMessageId,
            Contact contact,
            Content content,
            String replyToChannelMessageId,
            Referral referral,
            MessageContext context,
            Instant receivedAt) implements ConversationEvent {
    }

    /** The person behind a conversation on the channel. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Contact(String channelUserId, String name, String phone) {
    }

    /** The ad, post or link that brought the customer (click-to-WhatsApp ads, m.me links, story replies). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Referral(String source, String type, String id, String url, String headline, String body, String ref) {
    }

    /** Where the customer wrote from, when the channel says. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessageContext(String pageUrl, String locale) {
    }

    /** The channel's news about a message we sent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessageStatus(String channelMessageId, DeliveryStatus status, ChannelError error)
            implements ConversationEvent {
    }

    enum DeliveryStatus {
        @JsonProperty("sent") SENT,
        @JsonProperty("delivered") DELIVERED,
        @JsonProperty("read") READ,
        @JsonProperty("failed") FAILED
    }

    /** An error as the channel reported it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChannelError(Integer code, String title, String detail) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessageEdited(String channelMessageId, Content content) implements ConversationEvent {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessageDeleted(String channelMessageId) implements ConversationEvent {
    }

    /**
     * A message to send to the customer. {@code messageId} is the dedupe key: a redelivered event never sends twice.
     * Echoes of messages the business sent from its own app arrive as authored {@code external}, with the channel's
     * id already known.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessageOutbound(
            String messageId,
            Author author,
            Content content,
            String replyToChannelMessageId,
            String channelMessageId) implements ConversationEvent {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Author(AuthorKind kind, String id) {
    }

    enum AuthorKind {
        @JsonProperty("bot") BOT,
        @JsonProperty("agent") AGENT,
        @JsonProperty("system") SYSTEM,
        @JsonProperty("external") EXTERNAL
    }

    /** What happened when an outbound message was handed to the channel. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessageDelivery(String messageId, DeliveryOutcome outcome, String channelMessageId, DeliveryError error)
            implements ConversationEvent {
    }

    enum DeliveryOutcome {
        @JsonProperty("accepted") ACCEPTED,
        @JsonProperty("failed") FAILED
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DeliveryError(Integer code, String title, boolean retryable) {
    }

    // ---- bot ------------------------------------------------------------------------------------------------

    /** The bot answered a customer message from the knowledge base. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BotAnswered(String articleId, String intent, double confidence, String language, String messageId)
            implements ConversationEvent {
    }

    /** The bot moved a flow (IVR-like menu tree) to a step; slots are what the customer has given so far. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BotFlow(String flowId, String step, Map<String, String> slots) implements ConversationEvent {
        public BotFlow {
            slots = slots == null ? Map.of() : Map.copyOf(slots);
        }
    }

    /** Ranked answers offered to the agent who owns the conversation, for one customer message. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BotSuggested(String forChannelMessageId, List<Suggestion> suggestions) implements ConversationEvent {
        public BotSuggested {
            suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Suggestion(String articleId, String text, double confidence) {
    }

    // ---- routing --------------------------------------------------------------------------------------------

    /**
     * A person is needed. Reasons: low-confidence, asked-for-human, flow, after-hours, negative-sentiment,
     * no-bot, feedback-negative, or others later (readers keep unknown reasons as they are).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record HandoffRequested(String reason, String summary, String language, List<String> requiredSkills)
            implements ConversationEvent {
        public HandoffRequested {
            requiredSkills = requiredSkills == null ? List.of() : List.copyOf(requiredSkills);
        }
    }

    /** Nobody fits yet: the conversation waits in a team's queue at a position (1 = next). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Queued(String team, Priority priority, int position) implements ConversationEvent {
    }

    enum Priority {
        @JsonProperty("low") LOW,
        @JsonProperty("normal") NORMAL,
        @JsonProperty("high") HIGH,
        @JsonProperty("urgent") URGENT
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Assigned(String agentId, String team, String ruleId, String strategy) implements ConversationEvent {
    }

    /** Ownership moved; {@code to} names an agent, a team, or both. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Transferred(Party from, Party to, String reason) implements ConversationEvent {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Party(String agentId, String team) {
    }

    // ---- agent work -----------------------------------------------------------------------------------------

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StatusChanged(ConversationStatus status, Instant until, String agentId) implements ConversationEvent {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NoteAdded(String noteId, String text, String agentId) implements ConversationEvent {
    }

    /** The conversation's whole label set after the change (so the last one wins, whatever the order). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Labeled(List<String> labels, String agentId) implements ConversationEvent {
        public Labeled {
            labels = labels == null ? List.of() : List.copyOf(labels);
        }
    }

    // ---- tickets, SLAs, satisfaction ------------------------------------------------------------------------

    /** Origins: offline-message, after-hours, agent, email, no-capacity. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TicketCreated(String ticketId, String subject, Priority priority, String origin)
            implements ConversationEvent {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SlaBreached(String policy, SlaMetric metric, Instant dueAt) implements ConversationEvent {
    }

    enum SlaMetric {
        @JsonProperty("first-reply") FIRST_REPLY,
        @JsonProperty("next-reply") NEXT_REPLY,
        @JsonProperty("resolution") RESOLUTION
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CsatRequested(String messageId) implements ConversationEvent {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CsatReceived(int score, String comment) implements ConversationEvent {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CallbackScheduled(Instant at, String phone, String agentId) implements ConversationEvent {
    }
}
