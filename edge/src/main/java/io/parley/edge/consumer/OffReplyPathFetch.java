package io.parley.edge.consumer;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * How the consumers of {@code conversation-events} that no customer waits for (the ticket projection and live stream,
 * analytics' tally and figures) fetch: the broker holds a fetch until {@link #FETCH_MIN_BYTES} have come or
 * {@link #FETCH_MAX_WAIT_MS} have passed. With Kafka's defaults (1 byte, so at once) every event below
 * saturation is a fetch, a poll, and a transaction or a commit of its own in each of these consumers, and those
 * per-poll costs took most of the two cores at a dozen messages a second (docs/performance.md, "Consumers no reply
 * waits for fetch in batches"); waiting a little lets the events of that moment share them. The consumers a
 * customer's reply waits for fetch sooner: the bot at once (Kafka's defaults), ingest's outbound consumer within
 * 10 ms. So does routing's forwarder: a customer handed off waits for it too, and the order in which it copies
 * handoffs of different partitions is the order they queue in (a batched fetch hands them over partition by
 * partition, not in the order they came). The cost when idle: each of these consumers asks the broker 20 times a
 * second instead of Kafka's default 2. SmallRye's consumers take the same values in their application.properties
 * ({@code deploy}'s ConsumerChannelsTest holds them to these).
 */
public final class OffReplyPathFetch {

    /** Well under what a person notices on a console or a dashboard (which pushes once a second anyway). */
    public static final int FETCH_MAX_WAIT_MS = 50;
    /** About 50 events: a fetch under load still returns as soon as that much is there. */
    public static final int FETCH_MIN_BYTES = 65_536;

    private OffReplyPathFetch() {
    }

    /** The settings as Kafka consumer properties. */
    public static Map<String, Object> settings() {
        return Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS,
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, FETCH_MIN_BYTES);
    }
}
