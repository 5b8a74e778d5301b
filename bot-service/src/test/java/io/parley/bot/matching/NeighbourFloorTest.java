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
        NeighbourFloor floor = fittedFloor();

        long below = IntStream.rangeClosed(0, 200).filter(i -> 0.5 + i / 1000.0 < floor.similarity()).count();
        assertThat(below).isEqualTo((long) Math.floor(NeighbourFloor.IN_SCOPE_SHARE_BELOW * 200)).isPositive();
    }

    @Test
    void rejectsAQuestionBelowTheFloorUnlessItsBestLabelIsSureEnough() {
        NeighbourFloor floor = fittedFloor();
        double[][] far = evidence(0.4, 0.3, 0.95);   // close only to an out-of-scope example
        double[][] near = evidence(0.6, 0.3, 0.1);

        assertThat(floor.rejects(far, 0.9)).isTrue();
        assertThat(floor.rejects(far, NeighbourFloor.SURE_ENOUGH)).isFalse();
        assertThat(floor.rejects(near, 0.5)).isFalse();
    }

    @Test
    void withoutInScopeQuestionsNothingIsBelowTheFloor() {
        NeighbourFloor floor = NeighbourFloor.fit(List.<double[][]>of(evidence(0.1, 0.1, 0.9)),
                new int[] {OUT_OF_SCOPE}, OUT_OF_SCOPE);

        assertThat(floor).isSameAs(NeighbourFloor.NONE);
        assertThat(floor.rejects(evidence(-1, -1, -1), 0)).isFalse();
    }

    /**
     * Fitted on 201 in-scope questions whose closest neighbours are 0.500, 0.501, ... 0.700, and 50 out-of-scope ones
     * far from everything, which must not pull the floor down.
     */
    private static NeighbourFloor fittedFloor() {
        List<double[][]> heldOut = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        for (int i = 0; i <= 200; i++) {
            heldOut.add(evidence(0.5 + i / 1000.0, 0.1, 0.0));
            classes.add(i % 2);
        }
        for (int i = 0; i < 50; i++) {
            heldOut.add(evidence(0.1, 0.1, 0.9));
            classes.add(OUT_OF_SCOPE);
        }
        return NeighbourFloor.fit(heldOut, classes.stream().mapToInt(Integer::intValue).toArray(), OUT_OF_SCOPE);
    }

    /** Evidence of one question over three classes whose neighbour similarities are given. */
    private static double[][] evidence(double... neighbourSimilarity) {
        double[][] evidence = new double[EvidenceSources.SOURCES][neighbourSimilarity.length];
        evidence[EvidenceSources.NEIGHBOURS] = neighbourSimilarity.clone();
        return evidence;
    }
}
