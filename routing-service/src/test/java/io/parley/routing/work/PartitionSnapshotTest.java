package io.parley.routing.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.routing.decider.Fact;
import io.parley.routing.decider.FactLog;
import io.parley.routing.decider.Router;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionSnapshotTest {

    @Test
    void aSnapshotReadsBackAsTheStateItWasWrittenFrom() {
        Router router = new Router();
        List<Fact> facts = FactLog.aBusyDay();
        facts.forEach(router::apply);
        PartitionSnapshot written = PartitionSnapshot.of(facts.size(), router.state());

        PartitionSnapshot read = PartitionSnapshot.decode(written.encode());

        assertThat(read).isEqualTo(written);
        assertThat(read.tenants()).extracting(state -> state.tenant()).containsExactly(FactLog.TENANT);
    }

    @Test
    void aSnapshotOfAnotherVersionIsNotRead() {
        byte[] other = new PartitionSnapshot(PartitionSnapshot.VERSION + 1, 7, List.of()).encode();

        assertThatThrownBy(() -> PartitionSnapshot.decode(other)).hasMessageContaining("version");
    }
}
