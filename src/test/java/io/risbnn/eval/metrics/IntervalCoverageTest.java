package io.risbnn.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class IntervalCoverageTest {
    private static final int N = 20_000;

    @Test
    void centralZMatchesKnownQuantiles() {
        assertEquals(1.959963984540054, StandardNormal.centralZ(0.95), 1e-12);
        assertEquals(1.6448536269514722, StandardNormal.centralZ(0.90), 1e-12);
        assertEquals(1.0, StandardNormal.centralZ(0.6826894921370859), 1e-12);   // P(|Z| ≤ 1)
        assertEquals(0.0627067779432138, StandardNormal.centralZ(0.05), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> StandardNormal.centralZ(1.0));
    }

    @Test
    void gaussianCoverageOfTheTrueNoiseIsNominalAndOfHalfTheStdIsNot() {
        Random random = new Random(42);
        double[] truth = new double[N];
        double[] mean = new double[N];
        double[] std = new double[N];
        double[] halfStd = new double[N];
        for (int i = 0; i < N; i++) {
            mean[i] = 10 * random.nextDouble();
            std[i] = 0.5 + random.nextDouble();   // heteroscedastic, known
            truth[i] = mean[i] + std[i] * random.nextGaussian();
            halfStd[i] = std[i] / 2;
        }
        double[] levels = IntervalCoverage.standardLevels();
        double[] observed = IntervalCoverage.gaussian(truth, mean, std, levels);
        double[] narrow = IntervalCoverage.gaussian(truth, mean, halfStd, levels);
        for (int k = 0; k < levels.length; k++) {
            double se = Math.sqrt(levels[k] * (1 - levels[k]) / N);
            assertEquals(levels[k], observed[k], 4 * se, "level " + levels[k]);
        }
        double se90 = Math.sqrt(0.9 * 0.1 / N);
        int at90 = 17;
        assertEquals(0.9, levels[at90], 1e-15);
        // with half the std the 90 % interval is ±0.82σ: it covers P(|Z| ≤ 0.822) = 0.5892
        assertTrue(narrow[at90] < 0.9 - 10 * se90, "halved std still covers " + narrow[at90]);
        assertEquals(0.5892, narrow[at90], 4 * Math.sqrt(0.59 * 0.41 / N));
    }

    @Test
    void boundsCoverageCountsInclusiveBounds() {
        double[] truth = {1, 2, 3, 4};
        assertEquals(0.75, IntervalCoverage.ofBounds(truth, new double[] {1, 0, 3.5, 4}, new double[] {1, 5, 4, 4}), 1e-15);
        double[] sameAsGaussian = IntervalCoverage.gaussian(truth, new double[] {1, 1, 1, 1}, new double[] {1, 1, 1, 1},
                new double[] {0.95});
        // ±1.96 around 1 holds 1 and 2 only
        assertEquals(0.5, sameAsGaussian[0], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> IntervalCoverage.ofBounds(truth, new double[3], new double[4]));
    }
}
