package io.parley.devstack.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceHeapTest {

    @Test
    void every_service_gets_the_512_mib_budget_unless_the_environment_says_otherwise() {
        assertThat(ServiceHeap.jvmOptions(Map.of())).containsExactly("-Xmx512m");
        assertThat(ServiceHeap.jvmOptions(Map.of(ServiceHeap.VARIABLE, "1g"))).containsExactly("-Xmx1g");
    }

    @Test
    void a_size_the_jvm_would_not_take_is_refused_before_anything_starts() {
        assertThatThrownBy(() -> ServiceHeap.jvmOptions(Map.of(ServiceHeap.VARIABLE, "512 MiB")))
                .hasMessageContaining("PARLEY_SERVICE_HEAP=512 MiB");
    }
}
