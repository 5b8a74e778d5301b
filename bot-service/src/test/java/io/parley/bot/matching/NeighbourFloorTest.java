package io.parley.bot.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NeighbourFloorTest {

    private static final int OUT_OF_SCOPE = 2;

    @Test
    void closestIgnoresTheOutOfScopeClass() {
        assertThat(NeighbourFloor.closest(evidence(0.4, 0.6, 0.9), OUT_OF_SCOPE)).isEqualTo(0.6);
        assertThat(NeighbourFloor.closest(evidence(0.4, 0.6, 0.9), -1)).isEqualTo(0.9);
    }

    @Test
    void leavesTheConfiguredShareOfHeldOutInScopeQuestionsBelowTheFloor() {
        List<double[][]> heldOut = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        // 201 in-scope questions whose closest neighbours are 0.500, 0.501, ... 0.700
        for (int i = 0; i <= 200; i++) {
            heldOut.add(evidence(0.5 + i / 1000.0, 0.1, 0.0));
            classes.add(i % 2);
        }
        // out-of-scope questions, far from everything, do not pull the floor down
        for (int i = 0; i < 50; i++) {
            heldOut.add(evidence(0.1, 0.1, 0.9));
            classes.add(OUT_OF_SCOPE);
        }

        double floor = NeighbourFloor.fit(heldOut, classes.stream().mapToInt(Integer::intValue).toArray(),
                OUT_OF_SCOPE);

        long below = IntStream.rangeClosed(0, 200).filter(i -> 0.5 + i / 1000.0 < floor).count();
        assertThat(below).isEqualTo(Math.round(NeighbourFloor.IN_SCOPE_SHARE_BELOW * 200));
    }

    @Test
    void withoutInScopeQuestionsNothingIsBelowTheFloor() {
        assertThat(NeighbourFloor.fit(List.<double[][]>of(evidence(0.1, 0.1, 0.9)), new int[] {OUT_OF_SCOPE},
                OUT_OF_SCOPE))
                .isEqualTo(NeighbourFloor.NONE);
    }

    /** Evidence of one question over three classes whose neighbour similarities are given. */
    private static double[][] evidence(double... neighbourSimilarity) {
        double[][] evidence = new double[EvidenceSources.SOURCES][neighbourSimilarity.length];
        evidence[EvidenceSources.NEIGHBOURS] = neighbourSimilarity.clone();
        return evidence;
    }
}
