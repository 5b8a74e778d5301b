package io.parley.bot.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecisionLayerTest {

    @Test
    void learnsToTrustTheInformativeSourceAndIsCalibrated() {
        Random random = new Random(1);
        int classes = 5;
        List<double[][]> evidence = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            int label = random.nextInt(classes);
            double[] noise = new double[classes];
            double[] signal = new double[classes];
            for (int c = 0; c < classes; c++) {
                noise[c] = random.nextGaussian();
                signal[c] = random.nextGaussian() + (c == label ? 1.5 : 0);
            }
            evidence.add(new double[][] {noise, signal});
            labels.add(label);
        }

        DecisionLayer layer = DecisionLayer.fit(evidence, labels.stream().mapToInt(Integer::intValue).toArray(),
                new DecisionLayer.Prior(new double[] {1, 0}, new double[] {10, 10}));

        assertThat(layer.weights()[1]).isGreaterThan(1.0);
        assertThat(Math.abs(layer.weights()[0])).isLessThan(0.2);
        double meanConfidence = 0;
        int correct = 0;
        for (int i = 0; i < evidence.size(); i++) {
            double[] p = layer.probabilities(evidence.get(i));
            int best = 0;
            for (int c = 1; c < classes; c++) {
                best = p[c] > p[best] ? c : best;
            }
            meanConfidence += p[best] / evidence.size();
            correct += best == labels.get(i) ? 1 : 0;
        }
        assertThat(meanConfidence).isCloseTo((double) correct / evidence.size(), within(0.03));
    }

    @Test
    void aHandfulOfSeparableExamplesMovesTheWeightsButDoesNotBlowThemUp() {
        List<double[][]> evidence = new ArrayList<>();
        int[] labels = new int[12];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
            double[] signal = new double[3];
            signal[labels[i]] = 1;
            evidence.add(new double[][] {new double[3], signal});
        }
        DecisionLayer.Prior prior = new DecisionLayer.Prior(new double[] {0, 1}, new double[] {1, 1});

        double[] weights = DecisionLayer.fit(evidence, labels, prior).weights();

        // Maximum likelihood alone has no finite optimum here: every extra unit of weight makes the data likelier.
        assertThat(weights[1]).isGreaterThan(1).isLessThan(5);
        assertThat(DecisionLayer.fit(List.of(), new int[0], prior).weights()).containsExactly(0, 1);
    }
}
