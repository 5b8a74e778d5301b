package io.parley.events.conversation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a conversation stands, as agents see it. */
public enum ConversationStatus {
    /** The bot owns the conversation; no person has been asked for. */
    @JsonProperty("bot") BOT,
    /** A person owns it or is being looked for. */
    @JsonProperty("open") OPEN,
    /** Waiting on the customer. */
    @JsonProperty("pending") PENDING,
    /** Put aside until a time, or until the customer writes. */
    @JsonProperty("snoozed") SNOOZED,
    /** Answered; the customer writing again reopens it with the same agent. */
    @JsonProperty("solved") SOLVED,
    /** Finished; the customer writing again starts over with the bot. */
    @JsonProperty("closed") CLOSED
}
