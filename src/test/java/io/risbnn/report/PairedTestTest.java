package io.risbnn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PairedTestTest {
    @Test
    void differencesOneTwoThreeByHand() {
        // estimator − baseline = {1, 2, 3}: mean 2, sd 1, SE 1/√3, t = 2√3, 2 degrees of freedom
        PairedTest.Result r = PairedTest.of(new double[] {3, 5, 7}, new double[] {2, 3, 4});
        assertEquals(2.0, r.diffMean(), 1e-12);
        assertEquals(1 / Math.sqrt(3), r.diffSe(), 1e-12);
        assertEquals(2 * Math.sqrt(3), r.t(), 1e-12);
        assertEquals(2, r.df());
        // with 2 df the t CDF is 1/2 + t / (2 √(2 + t²)), so p = 1 − t / √(2 + t²) = 1 − √(6/7) ≈ 0.0742
        double t = 2 * Math.sqrt(3);
        assertEquals(1 - t / Math.sqrt(2 + t * t), r.p(), 1e-10);
        assertEquals(0.07418, r.p(), 1e-5);
    }

    @Test
    void signIsEstimatorMinusBaseline() {
        PairedTest.Result r = PairedTest.of(new double[] {2, 3, 4}, new double[] {3, 5, 7});
        assertEquals(-2.0, r.diffMean(), 1e-12);
        assertEquals(-2 * Math.sqrt(3), r.t(), 1e-12);
        assertEquals(PairedTest.of(new double[] {3, 5, 7}, new double[] {2, 3, 4}).p(), r.p(), 1e-15);
    }

    @Test
    void pMatchesNumericalIntegrationOfTheDensity() {
        // Student t with 3 df has density 6√3 / (π (3 + x²)²); p = 1 − 2 ∫₀^|t| f, by Simpson's rule
        double t = 1.7;
        int n = 2000;
        double h = t / n;
        double sum = density3(0) + density3(t);
        for (int i = 1; i < n; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * density3(i * h);
        }
        double integral = sum * h / 3;
        assertEquals(1 - 2 * integral, PairedTest.twoSidedP(t, 3), 1e-9);
        assertEquals(1 - 2 * integral, PairedTest.twoSidedP(-t, 3), 1e-9);
    }

    private static double density3(double x) {
        return 6 * Math.sqrt(3) / (Math.PI * (3 + x * x) * (3 + x * x));
    }

    @Test
    void publishedCriticalValues() {
        // two-sided 5% critical values of Student's t: 2.776 (4 df), 2.228 (10 df); 1% with 4 df: 4.604
        assertEquals(0.05, PairedTest.twoSidedP(2.7764451, 4), 1e-6);
        assertEquals(0.05, PairedTest.twoSidedP(2.2281389, 10), 1e-6);
        assertEquals(0.01, PairedTest.twoSidedP(4.6040949, 4), 1e-6);
    }

    @Test
    void oneSeedOrEqualDifferencesAreUntestable() {
        PairedTest.Result one = PairedTest.of(new double[] {5}, new double[] {4});
        assertEquals(1.0, one.diffMean(), 1e-12);
        assertEquals(0, one.df());
        assertFalse(one.testable());
        assertTrue(Double.isNaN(one.p()) && Double.isNaN(one.t()));
        assertEquals("n/a", one.verdict(MetricDirection.LOWER_IS_BETTER, 0.05));

        PairedTest.Result flat = PairedTest.ofDifferences(new double[] {0.5, 0.5, 0.5});
        assertEquals(0.5, flat.diffMean(), 1e-12);
        assertEquals(0.0, flat.diffSe());
        assertFalse(flat.testable());
        assertEquals("n/a", flat.verdict(MetricDirection.HIGHER_IS_BETTER, 0.05));
    }

    @Test
    void verdictsFollowTheDirectionAndTheLevel() {
        PairedTest.Result lower = PairedTest.ofDifferences(new double[] {-1.0, -1.1, -0.9, -1.05});   // p ≈ 1e-4
        assertEquals("better", lower.verdict(MetricDirection.LOWER_IS_BETTER, 0.05));
        assertEquals("worse", lower.verdict(MetricDirection.HIGHER_IS_BETTER, 0.05));
        assertNull(lower.verdict(MetricDirection.UNKNOWN, 0.05));

        PairedTest.Result noisy = PairedTest.ofDifferences(new double[] {-3, 2, -1, 1.5});
        assertEquals("no significant difference", noisy.verdict(MetricDirection.LOWER_IS_BETTER, 0.05));

        PairedTest.Result borderline = PairedTest.ofDifferences(new double[] {1, 2, 3});   // p ≈ 0.074
        assertEquals("no significant difference", borderline.verdict(MetricDirection.HIGHER_IS_BETTER, 0.05));
        assertEquals("better", borderline.verdict(MetricDirection.HIGHER_IS_BETTER, 0.10));
        assertEquals("worse", borderline.verdict(MetricDirection.LOWER_IS_BETTER, 0.10));
    }

    @Test
    void unequalLengthsAreAnError() {
        assertThrows(IllegalArgumentException.class, () -> PairedTest.of(new double[] {1, 2}, new double[] {1}));
    }
}
