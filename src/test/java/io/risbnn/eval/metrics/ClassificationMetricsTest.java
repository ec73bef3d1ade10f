package io.risbnn.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {
    private static final double EPS = 1e-12;

    @Test
    void predictiveIsMeanOverSamples() {
        double[][][] probs = {{{1, 0}}, {{0, 1}}};
        assertArrayEquals(new double[] {0.5, 0.5}, ClassificationMetrics.predictive(probs)[0], EPS);
    }

    @Test
    void accuracyNllBrierByHand() {
        double[][] p = {{0.9, 0.1}, {0.2, 0.8}, {0.6, 0.4}};
        int[] y = {0, 1, 1};
        assertEquals(2.0 / 3, ClassificationMetrics.accuracy(p, y), EPS);
        double nll = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.4)) / 3;
        assertEquals(nll, ClassificationMetrics.nll(p, y), EPS);
        // Σ_c (p_c − onehot)²: 0.02, 0.08, 0.72
        assertEquals((0.02 + 0.08 + 0.72) / 3, ClassificationMetrics.brier(p, y), EPS);
    }

    @Test
    void oneHotCorrectIsPerfect() {
        double[][] p = {{1, 0, 0}, {0, 0, 1}};
        int[] y = {0, 2};
        assertEquals(0.0, ClassificationMetrics.brier(p, y), EPS);
        assertEquals(0.0, ClassificationMetrics.nll(p, y), EPS);
        assertEquals(1.0, ClassificationMetrics.accuracy(p, y), EPS);
        assertEquals(0.0, ClassificationMetrics.ece(p, y), EPS);
    }

    @Test
    void nllIsClampedForZeroProbability() {
        double nll = ClassificationMetrics.nll(new double[][] {{1, 0}}, new int[] {1});
        assertEquals(-Math.log(1e-12), nll, 1e-9);
    }

    @Test
    void eceOfPerfectlyCalibratedBinsIsZero() {
        // 10 points at confidence 0.8, 8 correct; 4 points at confidence 0.5 (a tie: argmax = 0), 2 correct
        double[][] p = new double[14][];
        int[] y = new int[14];
        for (int i = 0; i < 10; i++) {
            p[i] = new double[] {0.8, 0.2};
            y[i] = i < 8 ? 0 : 1;
        }
        for (int i = 10; i < 14; i++) {
            p[i] = new double[] {0.5, 0.5};
            y[i] = i < 12 ? 0 : 1;
        }
        assertEquals(0.0, ClassificationMetrics.ece(p, y, 15), EPS);
    }

    @Test
    void eceByHand() {
        // all confidence 0.9 but only half correct → |0.5 − 0.9| = 0.4
        double[][] p = {{0.9, 0.1}, {0.9, 0.1}};
        assertEquals(0.4, ClassificationMetrics.ece(p, new int[] {0, 1}, 15), EPS);
        // two bins: {conf 0.9, correct} → 0.1 · 1/2, {conf 0.6, wrong} → 0.6 · 1/2
        double[][] q = {{0.9, 0.1}, {0.4, 0.6}};
        assertEquals(0.35, ClassificationMetrics.ece(q, new int[] {0, 0}, 15), EPS);
    }

    @Test
    void entropyInNats() {
        double[] h = ClassificationMetrics.predictiveEntropy(new double[][] {{0.5, 0.5}, {1, 0}});
        assertArrayEquals(new double[] {Math.log(2), 0}, h, EPS);
        double[] uniform4 = ClassificationMetrics.predictiveEntropy(
                new double[][] {{0.25, 0.25, 0.25, 0.25}});
        assertEquals(Math.log(4), uniform4[0], EPS);
    }

    @Test
    void mutualInformationZeroWhenSamplesAgree() {
        double[][][] probs = {{{0.7, 0.3}, {0.1, 0.9}}, {{0.7, 0.3}, {0.1, 0.9}}};
        double[] mi = ClassificationMetrics.mutualInformation(probs);
        assertArrayEquals(new double[] {0, 0}, mi, EPS);
    }

    @Test
    void mutualInformationPositiveWhenSamplesDisagree() {
        // two confident samples that disagree: H(mean) = log 2, mean H = 0
        double[][][] probs = {{{1, 0}}, {{0, 1}}};
        double[] mi = ClassificationMetrics.mutualInformation(probs);
        assertEquals(Math.log(2), mi[0], EPS);
        double[][][] soft = {{{0.8, 0.2}}, {{0.3, 0.7}}};
        assertTrue(ClassificationMetrics.mutualInformation(soft)[0] > 0);
    }

    @Test
    void aurocCases() {
        assertEquals(1.0, ClassificationMetrics.auroc(new double[] {3, 4, 5}, new double[] {0, 1, 2}));
        assertEquals(0.0, ClassificationMetrics.auroc(new double[] {0, 1}, new double[] {3, 4}));
        assertEquals(0.5, ClassificationMetrics.auroc(new double[] {1, 1, 1}, new double[] {1, 1}));
        // pairs (pos, neg): (2,1)=1, (2,3)=0, (3,1)=1, (3,3)=0.5 → 2.5 / 4
        assertEquals(0.625, ClassificationMetrics.auroc(new double[] {2, 3}, new double[] {1, 3}), EPS);
    }

    @Test
    void shapeAndLabelErrors() {
        double[][] p = {{0.5, 0.5}};
        assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.accuracy(p, new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.nll(p, new int[] {2}));
        assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.brier(new double[][] {{1, 0}, {1}}, new int[] {0, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.predictive(new double[][][] {{{1, 0}}, {{1, 0}, {0, 1}}}));
        assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.predictive(new double[][][] {{{1, 0}}, {{1, 0, 0}}}));
        assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.auroc(new double[0], new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.auroc(new double[] {Double.NaN}, new double[] {1}));
    }

    @Test
    void reportCombinesMetrics() {
        double[][][] probs = {{{1, 0}, {0, 1}}, {{0, 1}, {0, 1}}};
        int[] y = {0, 1};
        ClassificationReport r = ClassificationReport.of(probs, y);
        // predictive: {0.5, 0.5} (argmax 0, correct) and {0, 1}
        assertEquals(1.0, r.accuracy(), EPS);
        assertEquals(Math.log(2) / 2, r.nll(), EPS);
        assertEquals((0.25 + 0.25) / 2, r.brier(), EPS);
        assertEquals(Math.log(2) / 2, r.meanEntropy(), EPS);
        assertEquals(Math.log(2) / 2, r.meanMutualInformation(), EPS);
        // conf 0.5 correct (|1 − 0.5|), conf 1 correct (0) → 0.5 / 2
        assertEquals(0.25, r.ece(), EPS);
        Map<String, Double> m = r.asMap();
        assertEquals(List.of("accuracy", "nll", "ece", "brier", "entropy", "mutual_information"),
                List.copyOf(m.keySet()));
        assertEquals(r.meanMutualInformation(), m.get("mutual_information"));
    }
}
