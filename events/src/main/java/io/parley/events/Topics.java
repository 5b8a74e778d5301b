package io.parley.events;

import java.util.List;
import java.util.Map;

/** Kafka topic names of the event log (DESIGN §3). Services and tests take names from here, never from literals. */
public final class Topics {

    /** The log: every conversation event, keyed by conversation id, retained forever. */
    public static final String CONVERSATION_EVENTS = "conversation-events";
    /** Every accepted webhook body byte-for-byte with its headers, keyed by {@code channel:account}. */
    public static final String WEBHOOKS_RAW = "webhooks-raw";
    /** Agent presence, capacity, skills and team membership, keyed by agent id. */
    public static final String AGENT_EVENTS = "agent-events";
    /**
     * A tenant's teams, channel accounts and business hours, keyed by tenant: every instance of a service that needs
     * them reads the whole topic from the beginning and follows it. Retained forever (it is the workspace's record).
     */
    public static final String WORKSPACE_EVENTS = "workspace-events";
    /**
     * The one partition every workspace event is written to, whatever the topic's partition count, so that all
     * readers fold them in one order (who claimed a channel account first must be the same answer everywhere).
     */
    public static final int WORKSPACE_PARTITION = 0;
    /** Periodic KPI snapshots, keyed by tenant. */
    public static final String ANALYTICS_SNAPSHOTS = "analytics-snapshots";
    /**
     * What agents are doing right now (which conversation each has open in a console), keyed by agent id. A hint,
     * not a record: kept {@link #AGENT_ACTIVITY_RETENTION_MS} and read from its end.
     */
    public static final String AGENT_ACTIVITY = "agent-activity";
    /** One hour: a heartbeat older than that means nothing to anyone. */
    public static final long AGENT_ACTIVITY_RETENTION_MS = 3_600_000L;
    /** Routing's own input: routing-relevant facts re-keyed by tenant, so one consumer decides for a tenant. */
    public static final String ROUTING_WORK = "routing-work";
    /**
     * Snapshots of routing's state per {@link #ROUTING_WORK} partition (partition {@code p}'s in partition {@code p}),
     * so a start folds from the last snapshot, not from the beginning. Compacted: the latest snapshot is all that counts.
     */
    public static final String ROUTING_SNAPSHOTS = "routing-snapshots";

    /**
     * Ingest's outbound ledger, keyed by conversation id: a send attempted (written before the channel is called) and
     * settled (its delivery event is in the log), per tenant, conversation and message id. Kept for the dedupe horizon.
     */
    public static final String OUTBOUND_LEDGER = "ingest-outbound-ledger";
    /** How long the outbound ledger keeps its records: the 7-day dedupe horizon and a day of margin. */
    public static final String OUTBOUND_LEDGER_RETENTION_MS = String.valueOf(8L * 24 * 60 * 60 * 1000);

    /** Topics every environment creates up front. */
    public static final List<String> ALL = List.of(CONVERSATION_EVENTS, WEBHOOKS_RAW, AGENT_EVENTS, WORKSPACE_EVENTS,
            ANALYTICS_SNAPSHOTS, ROUTING_WORK, ROUTING_SNAPSHOTS, AGENT_ACTIVITY, OUTBOUND_LEDGER);

    /**
     * The logs that are a record, kept forever (DESIGN §3), and so are dead letters (parked input is replayed after a
     * fix, never aged out); the others keep the broker's retention.
     */
    public static final List<String> RETAINED_FOREVER = List.of(CONVERSATION_EVENTS, WEBHOOKS_RAW, AGENT_EVENTS,
            WORKSPACE_EVENTS, ROUTING_WORK);

    private static final String DEAD_LETTER_INFIX = ".dlq.";

    private Topics() {
    }

    /**
     * The topic-level settings a topic is created with: every topic deletes old segments (an event is never superseded
     * by a later one with its key), and the records are kept forever, but agent activity, an hour, and ingest's
     * outbound ledger, its dedupe horizon; routing's snapshots are compacted (a snapshot supersedes the one before).
     */
    public static Map<String, String> creationConfig(String topic) {
        if (ROUTING_SNAPSHOTS.equals(topic)) {
            return Map.of("cleanup.policy", "compact");
        }
        if (AGENT_ACTIVITY.equals(topic)) {
            return Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(AGENT_ACTIVITY_RETENTION_MS));
        }
        if (OUTBOUND_LEDGER.equals(topic)) {
            return Map.of("cleanup.policy", "delete", "retention.ms", OUTBOUND_LEDGER_RETENTION_MS);
        }
        return RETAINED_FOREVER.contains(topic) || isDeadLetter(topic)
                ? Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1")
                : Map.of("cleanup.policy", "delete");
    }

    /**
     * The partitions a topic gets on a real cluster (deploy/ and {@code ./parley up --brokers}): the most instances of
     * one consumer group that share its work. The log and routing's work topic get 12, room for a dozen instances of
     * each consumer before a repartition (which moves keys between partitions, so it is planned, see docs/deploy.md).
     * workspace-events has one: every workspace event goes to {@link #WORKSPACE_PARTITION}.
     */
    public static int partitions(String topic) {
        return switch (topic) {
            case CONVERSATION_EVENTS, ROUTING_WORK, ROUTING_SNAPSHOTS, OUTBOUND_LEDGER -> 12;
            case WEBHOOKS_RAW -> 6;
            case AGENT_EVENTS, ANALYTICS_SNAPSHOTS -> 3;
            default -> 1;
        };
    }

    /** The dead-letter topic where {@code service} parks poison records read from {@code topic}. */
    public static String deadLetter(String topic, String service) {
        return topic + DEAD_LETTER_INFIX + service;
    }

    public static boolean isDeadLetter(String topic) {
        return topic.contains(DEAD_LETTER_INFIX);
    }
}
