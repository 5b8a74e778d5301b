package io.parley.ticket.publish;

/** SmallRye channel names of this service; the topics behind them are configured in application.properties. */
public final class Channels {

    /** conversation-events, read by the projection (consumer group ticket-service). */
    public static final String PROJECTION_IN = "projection-in";
    /** conversation-events, read from the newest record by every instance for its live streams. */
    public static final String LIVE_IN = "live-in";
    public static final String CONVERSATION_EVENTS_OUT = "conversation-events-out";
    public static final String AGENT_EVENTS_OUT = "agent-events-out";
    /** agent-activity (who has which conversation open), read from the newest record by every instance. */
    public static final String AGENT_ACTIVITY_IN = "agent-activity-in";
    public static final String AGENT_ACTIVITY_OUT = "agent-activity-out";

    private Channels() {
    }
}
