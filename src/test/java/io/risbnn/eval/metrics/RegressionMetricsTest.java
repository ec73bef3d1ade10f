package io.risbnn.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegressionMetricsTest {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    @Test
    void rmseOfKnownVectors() {
        // errors 3 and 4 → sqrt((9 + 16) / 2)
        assertEquals(Math.sqrt(12.5), RegressionMetrics.rmse(new double[] {1, 2},
                new double[] {4, 6}), 1e-12);
        assertEquals(0.0, RegressionMetrics.rmse(new double[] {1, 2}, new double[] {1, 2}));
    }

    @Test
    void singleSampleIsGaussianLogDensity() {
        double y = 1.5;
        double mu = 1.0;
        double sigma = 2.0;
        double expected = -0.5 * LOG_2PI - Math.log(sigma) - 0.5 * Math.pow((y - mu) / sigma, 2);
        double ll = RegressionMetrics.mixtureLogLikelihood(new double[][] {{mu}}, new double[] {sigma},
                new double[] {y});
        assertEquals(expected, ll, 1e-12);
        // at the mean with sigma = 1: -0.5 log 2π
        assertEquals(-0.5 * LOG_2PI, RegressionMetrics.mixtureLogLikelihood(
                new double[][] {{0, 3}}, new double[] {1}, new double[] {0, 3}), 1e-12);
    }

    @Test
    void identicalSamplesEqualOneSample() {
        double[] y = {0.3, -1.2, 4.0};
        double[] mu = {0.0, -1.0, 3.0};
        double one = RegressionMetrics.mixtureLogLikelihood(new double[][] {mu}, new double[] {0.7}, y);
        double two = RegressionMetrics.mixtureLogLikelihood(new double[][] {mu, mu.clone()},
                new double[] {0.7, 0.7}, y);
        assertEquals(one, two, 1e-12);
    }

    @Test
    void twoComponentMixtureByHand() {
        // y = 0, components N(0,1) and N(2,1): log(0.5 (φ(0) + φ(2)))
        double phi0 = Math.exp(-0.5 * LOG_2PI);
        double phi2 = Math.exp(-0.5 * LOG_2PI - 2);
        double expected = Math.log(0.5 * (phi0 + phi2));
        double ll = RegressionMetrics.mixtureLogLikelihood(new double[][] {{0}, {2}},
                new double[] {1, 1}, new double[] {0});
        assertEquals(expected, ll, 1e-12);
    }

    @Test
    void staysFiniteWhenDensitiesUnderflow() {
        // z = 1e4 / 1e-3 = 1e7 → log density ≈ -5e13; exp() would underflow to 0 and log(0) = -∞
        double[][] means = {{0.0}, {1.0}};
        double ll = RegressionMetrics.mixtureLogLikelihood(means, new double[] {1e-3, 1e-3},
                new double[] {1e4});
        assertTrue(Double.isFinite(ll), "ll = " + ll);
        // dominated by the nearer component (mean 1)
        double near = -0.5 * LOG_2PI - Math.log(1e-3) - 0.5 * Math.pow((1e4 - 1) / 1e-3, 2);
        assertEquals(near - Math.log(2), ll, Math.abs(near) * 1e-12);
    }

    @Test
    void predictiveMeanAveragesSamples() {
        assertArrayEquals(new double[] {2, 3}, RegressionMetrics.predictiveMean(
                new double[][] {{1, 2}, {3, 4}}), 1e-12);
    }

    @Test
    void shapeMismatchesAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.rmse(new double[] {1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> RegressionMetrics.mixtureLogLikelihood(
                new double[][] {{1}, {2}}, new double[] {1}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> RegressionMetrics.mixtureLogLikelihood(
                new double[][] {{1, 2}}, new double[] {1}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> RegressionMetrics.mixtureLogLikelihood(
                new double[][] {{1}}, new double[] {0}, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.predictiveMean(new double[][] {{1, 2}, {3}}));
    }

    @Test
    void reportKeysAndValues() {
        RegressionReport r = RegressionReport.of(new double[][] {{1, 2}, {3, 4}},
                new double[] {1, 1}, new double[] {2, 3});
        assertEquals(0.0, r.rmse(), 1e-12);
        Map<String, Double> m = r.asMap();
        assertEquals(List.of("rmse", "test_ll"), List.copyOf(m.keySet()));
        assertEquals(r.logLikelihood(), m.get("test_ll"));
    }
}
