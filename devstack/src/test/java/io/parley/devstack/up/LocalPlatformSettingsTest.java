package io.parley.devstack.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.events.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalPlatformSettingsTest {

    private static final Map<String, Integer> PARTITIONS = Map.of(Topics.CONVERSATION_EVENTS, 12);

    @Test
    void three_brokers_and_two_instances_each_take_ports_nothing_else_of_the_platform_takes() {
        LocalPlatform.Settings settings = LocalPlatform.Settings.standard(Path.of("."), Path.of(".parley"), 8080, 9092,
                Map.of(), new LocalPlatform.Topology(3, 2, PARTITIONS));

        assertThat(settings.instancePorts(PlatformService.INGEST)).containsExactly(8081, 8091);
        assertThat(settings.instancePorts(PlatformService.ANALYTICS)).containsExactly(8085, 8095);
        assertThat(settings.kafkaPorts()).containsExactly(9092, 9093, 9094, 9095, 9096, 9097);
        List<Integer> all = new ArrayList<>(List.of(settings.gatewayPort(), settings.graphPort(),
                settings.gatewayPort() + DemoTenant.INBOX_PORT_OFFSET));
        all.addAll(settings.kafkaPorts());
        PlatformService.ALL.forEach(service -> all.addAll(settings.instancePorts(service)));
        assertThat(all).doesNotHaveDuplicates();
    }

    @Test
    void one_broker_keeps_its_controller_port_and_one_instance_its_service_port() {
        LocalPlatform.Settings settings = LocalPlatform.Settings.standard(Path.of("."), Path.of(".parley"), 8080, 9092,
                Map.of(), new LocalPlatform.Topology(1, 1, PARTITIONS));

        assertThat(settings.kafkaPorts()).containsExactly(9092, 9093);
        assertThat(settings.instancePorts(PlatformService.TICKET)).containsExactly(8084);
    }

    @Test
    void a_platform_has_at_least_one_broker_and_one_instance() {
        assertThatThrownBy(() -> new LocalPlatform.Topology(0, 2, PARTITIONS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("At least one broker");
    }
}
