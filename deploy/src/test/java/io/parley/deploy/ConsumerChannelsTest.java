package io.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
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
}
