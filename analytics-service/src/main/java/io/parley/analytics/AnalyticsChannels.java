package io.parley.analytics;

/** SmallRye channel names of this service; tests reuse them. */
public final class AnalyticsChannels {

    /** Incoming: the conversation log ({@code conversation-events}), as raw CloudEvents bytes. */
    public static final String CONVERSATION_EVENTS = "conversation-events-in";

    private AnalyticsChannels() {
    }
}
