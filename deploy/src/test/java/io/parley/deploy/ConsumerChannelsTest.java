package io.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.edge.consumer.OffReplyPathFetch;
import io.parley.events.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The consumers' settings against the shared consumer policy (docs/reliability.md): a consumer waits for a dependency
 * for as long as it is away, with readiness DOWN, and never stops for good. SmallRye's throttled commit strategy would
 * stop a channel whose record stays unacknowledged for 60 s, and nothing in a deployment restarts a channel (the
 * chaos suite's kill-leader found the bot's stopped: its first answers waited a minute for the tenant's bot on a busy
 * machine).
 */
class ConsumerChannelsTest {

    private static final List<ServiceModule> SERVICES = Repository.services();

    @Test
    void no_throttled_consumer_channel_stops_after_a_record_waits_60_s() {
        Map<String, Set<String>> limited = SERVICES.stream()
                .filter(service -> !service.throttledChannelsWithAgeLimit().isEmpty())
                .collect(Collectors.toMap(ServiceModule::name, ServiceModule::throttledChannelsWithAgeLimit));
        assertThat(limited).as("channels with throttled.unprocessed-record-max-age.ms other than 0").isEmpty();
    }

    /** The channels of conversation-events a customer's reply waits for; they fetch sooner (the bot at once). */
    private static final Set<String> ON_THE_REPLY_PATH = Set.of("bot-service conversation-events-in",
            "ingest-service outbound-in");

    @Test
    void consumers_of_conversation_events_no_reply_waits_for_let_a_fetch_gather_events() {
        String expected = "fetch.max.wait.ms=" + OffReplyPathFetch.FETCH_MAX_WAIT_MS + " fetch.min.bytes="
                + OffReplyPathFetch.FETCH_MIN_BYTES;
        Map<String, String> fetching = new TreeMap<>();
        for (ServiceModule service : SERVICES) {
            for (String channel : service.incomingChannelsOf(Topics.CONVERSATION_EVENTS)) {
                if (!ON_THE_REPLY_PATH.contains(service.name() + " " + channel)) {
                    fetching.put(service.name() + " " + channel, "fetch.max.wait.ms="
                            + service.channelSetting(channel, "fetch.max.wait.ms") + " fetch.min.bytes="
                            + service.channelSetting(channel, "fetch.min.bytes"));
                }
            }
        }
        assertThat(fetching).as("channels off the reply path (edge's OffReplyPathFetch)")
                .containsKeys("ticket-service projection-in", "ticket-service live-in",
                        "analytics-service conversation-events-in")
                .allSatisfy((channel, settings) -> assertThat(settings).as(channel).isEqualTo(expected));
    }
}
