package io.parley.routing.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.routing.decider.Fact;
import io.parley.routing.decider.FactLog;
import io.parley.routing.decider.Router;
import io.parley.routing.decider.TenantRouter;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionRoutersTest {

    private static final TopicPartition PARTITION = new TopicPartition("routing-work", 3);

    @Test
    void aPartitionStartsFromItsSnapshotAtTheSnapshotsOffset() {
        Router router = new Router();
        List<Fact> facts = FactLog.aBusyDay();
        facts.forEach(router::apply);
        PartitionRouters routers = new PartitionRouters();

        assertThat(routers.restoreOrReset(PARTITION, Optional.of(PartitionSnapshot.of(42, router.state()))))
                .hasValue(42);
        assertThat(routers.state(PARTITION)).isEqualTo(router.state());
    }

    @Test
    void aSnapshotWhoseStateCannotBeRestoredCostsAReplayNotAFailure() {
        TenantRouter.State unrestorable = new TenantRouter.State(FactLog.TENANT, null, null, null, null, null, null,
                null, null, null, 0);
        PartitionRouters routers = new PartitionRouters();

        assertThat(routers.restoreOrReset(PARTITION, Optional.of(PartitionSnapshot.of(42, List.of(unrestorable)))))
                .isEmpty();
        assertThat(routers.state(PARTITION)).isEmpty();
    }

    @Test
    void withoutASnapshotThePartitionIsReplayedFromItsBeginning() {
        PartitionRouters routers = new PartitionRouters();

        assertThat(routers.restoreOrReset(PARTITION, Optional.empty())).isEmpty();
        assertThat(routers.state(PARTITION)).isEmpty();
    }
}
