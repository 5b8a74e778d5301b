package io.parley.events;

/**
 * The {@code data} of a CloudEvent. Each stream's family ({@code ConversationEvent}, {@code AgentEvent}) is sealed;
 * this root cannot be, since the families live in their own packages. Wire types come from {@link EventTypes}.
 */
public interface EventData {
}
