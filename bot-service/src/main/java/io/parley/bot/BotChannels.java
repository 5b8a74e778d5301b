package io.parley.bot;

/** SmallRye channel names and the service's own topic; tests reuse them. */
public final class BotChannels {

    /** Incoming: the conversation log, as raw CloudEvents bytes; poison records go to the bot's dead-letter topic. */
    public static final String CONVERSATION_EVENTS_IN = "conversation-events-in";
    /** Outgoing: the bot's reactions, appended to the conversation log keyed by conversation id. */
    public static final String CONVERSATION_EVENTS_OUT = "conversation-events-out";
    /** Outgoing: "this tenant's knowledge base, flows or settings changed", for every running instance. */
    public static final String TENANT_CHANGES_OUT = "tenant-changes-out";
    /** Incoming: every instance reads every change notification (a consumer group of its own). */
    public static final String TENANT_CHANGES_IN = "tenant-changes-in";
    /** The rebalance listener that rebuilds conversation state from the log before a partition is read. */
    public static final String REPLAY_LISTENER = "bot-conversation-replay";

    /** The bot-service's own topic: tenant configuration change notifications, keyed by tenant. */
    public static final String TENANT_CHANGES_TOPIC = "bot-tenant-changes";
    /** The CloudEvents source of everything the bot emits. */
    public static final String EVENT_SOURCE = "/bot";

    private BotChannels() {
    }
}
